package io.mytts.nn;

import io.mytts.config.ModelConfig;

/** The shared blocks' configurations as the model config sets them, in one place. */
public final class Blocks {

    private Blocks() {}

    public static LayerNorm.Config norm(ModelConfig config) {
        return LayerNorm.Config.of(config.dModel());
    }

    public static MultiHeadAttention.Config attention(ModelConfig config) {
        return new MultiHeadAttention.Config(config.dModel(), config.numHeads(), config.dropoutRate());
    }

    /** SwiGLU's hidden width is {@link ModelConfig#ffnHidden()}: two thirds of {@code dff}, as parameter-matched. */
    public static FeedForward.Config feedForward(ModelConfig config) {
        return new FeedForward.Config(config.dModel(), config.ffnHidden(), config.activation(), config.dropoutRate());
    }
}
