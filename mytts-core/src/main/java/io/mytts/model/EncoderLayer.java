package io.mytts.model;

import ai.djl.ndarray.NDArray;
import io.mytts.config.ModelConfig;
import io.mytts.nn.DropPath;
import io.mytts.nn.FeedForward;
import io.mytts.nn.LayerNorm;
import io.mytts.nn.MultiHeadAttention;
import io.mytts.nn.ParameterSet;
import io.mytts.nn.Positions;

/** Pre-norm encoder layer: self-attention then feed-forward, each a residual branch. */
final class EncoderLayer {

    private final LayerNorm norm1;
    private final MultiHeadAttention selfAttention;
    private final LayerNorm norm2;
    private final FeedForward feedForward;
    private final double dropout;
    private final double dropPath;

    EncoderLayer(ParameterSet params, String name, ModelConfig config, double dropPath) {
        norm1 = new LayerNorm(params, name + ".norm1", Blocks.norm(config));
        selfAttention = new MultiHeadAttention(params, name + ".self_attn", Blocks.attention(config));
        norm2 = new LayerNorm(params, name + ".norm2", Blocks.norm(config));
        feedForward = new FeedForward(params, name + ".ffn", Blocks.feedForward(config));
        dropout = config.dropoutRate();
        this.dropPath = dropPath;
    }

    NDArray forward(NDArray x, NDArray bias, Positions.Rotary rotary, boolean training) {
        NDArray a = selfAttention.selfAttention(norm1.forward(x), bias, rotary, training).output();
        x = x.add(DropPath.branch(a, dropout, dropPath, training));
        return x.add(DropPath.branch(feedForward.forward(norm2.forward(x), training), dropout, dropPath, training));
    }
}
