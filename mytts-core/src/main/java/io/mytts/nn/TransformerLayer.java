package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import io.mytts.config.ModelConfig;

/**
 * Pre-norm Transformer layer without cross-attention: self-attention then feed-forward, each a
 * residual branch. The autoregressive model's encoder layer, and both stacks of the forward model
 * (its decoder runs it over frames).
 */
public final class TransformerLayer {

    private final LayerNorm norm1;
    private final MultiHeadAttention selfAttention;
    private final LayerNorm norm2;
    private final FeedForward feedForward;
    private final double dropout;
    private final double dropPath;

    /**
     * @param name parameter prefix ({@code NAME.norm1}, {@code NAME.self_attn}, {@code NAME.norm2},
     *     {@code NAME.ffn})
     * @param dropPath this layer's DropPath rate
     */
    public TransformerLayer(ParameterSet params, String name, ModelConfig config, double dropPath) {
        norm1 = new LayerNorm(params, name + ".norm1", Blocks.norm(config));
        selfAttention = new MultiHeadAttention(params, name + ".self_attn", Blocks.attention(config));
        norm2 = new LayerNorm(params, name + ".norm2", Blocks.norm(config));
        feedForward = new FeedForward(params, name + ".ffn", Blocks.feedForward(config));
        dropout = config.dropoutRate();
        this.dropPath = dropPath;
    }

    /**
     * @param x {@code [batch, steps, dModel]}
     * @param bias additive key bias ({@link Masks#keyPadding})
     * @param rotary rotary positions, or null when the positions were added to the input
     */
    public NDArray forward(NDArray x, NDArray bias, Positions.Rotary rotary, boolean training) {
        NDArray a = selfAttention.selfAttention(norm1.forward(x), bias, rotary, training).output();
        x = x.add(DropPath.branch(a, dropout, dropPath, training));
        return x.add(DropPath.branch(feedForward.forward(norm2.forward(x), training), dropout, dropPath, training));
    }
}
