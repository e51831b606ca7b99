package io.mytts.nn;

import io.mytts.config.ModelConfig;

/** The shared blocks' configurations as the model config sets them, in one place. */
public final class Blocks {

    private Blocks() {}

    /** Layer {@code layer}'s DropPath rate: from 0 at the first layer up to {@code droppath_rate} at the last. */
    public static double dropPathRate(ModelConfig config, int layer) {
        int n = config.numLayers();
        return n == 1 ? 0 : config.droppathRate() * layer / (n - 1);
    }

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
