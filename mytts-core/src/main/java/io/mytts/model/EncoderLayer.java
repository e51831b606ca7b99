package io.mytts.model;

import ai.djl.ndarray.NDArray;
import io.mytts.config.ModelConfig;

/** Pre-norm encoder layer: self-attention then feed-forward, each a residual branch. */
final class EncoderLayer {

    private final LayerNorm norm1;
    private final MultiHeadAttention selfAttention;
    private final LayerNorm norm2;
    private final FeedForward feedForward;
    private final double dropout;
    private final double dropPath;

    EncoderLayer(ParameterSet params, String name, ModelConfig config, double dropPath) {
        norm1 = new LayerNorm(params, name + ".norm1", config.dModel());
        selfAttention = new MultiHeadAttention(params, name + ".self_attn", config);
        norm2 = new LayerNorm(params, name + ".norm2", config.dModel());
        feedForward = new FeedForward(params, name + ".ffn", config);
        dropout = config.dropoutRate();
        this.dropPath = dropPath;
    }

    NDArray forward(NDArray x, NDArray bias, Positions.Rotary rotary, boolean training) {
        NDArray h = norm1.forward(x);
        NDArray q = selfAttention.queries(h);
        NDArray k = selfAttention.keys(h);
        if (rotary != null) {
            q = rotary.apply(q);
            k = rotary.apply(k);
        }
        NDArray a = selfAttention.attend(q, k, selfAttention.values(h), bias, training).output();
        x = x.add(branch(a, training));
        return x.add(branch(feedForward.forward(norm2.forward(x), training), training));
    }

    private NDArray branch(NDArray y, boolean training) {
        return Regularization.dropPath(Regularization.dropout(y, dropout, training), dropPath, training);
    }
}
