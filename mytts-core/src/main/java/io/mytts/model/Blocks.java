package io.mytts.model;

import io.mytts.config.ModelConfig;
import io.mytts.nn.FeedForward;
import io.mytts.nn.LayerNorm;
import io.mytts.nn.MultiHeadAttention;

/** The shared blocks' configurations as the model config sets them, in one place. */
final class Blocks {

    private Blocks() {}

    static LayerNorm.Config norm(ModelConfig config) {
        return LayerNorm.Config.of(config.dModel());
    }

    static MultiHeadAttention.Config attention(ModelConfig config) {
        return new MultiHeadAttention.Config(config.dModel(), config.numHeads(), config.dropoutRate());
    }

    /** SwiGLU's hidden width is {@link ModelConfig#ffnHidden()}: two thirds of {@code dff}, as parameter-matched. */
    static FeedForward.Config feedForward(ModelConfig config) {
        return new FeedForward.Config(config.dModel(), config.ffnHidden(), config.activation(), config.dropoutRate());
    }
}
