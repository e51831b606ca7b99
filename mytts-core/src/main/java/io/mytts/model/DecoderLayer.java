package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mytts.config.ModelConfig;

/**
 * Pre-norm decoder layer: causal self-attention (rotary when the model uses RoPE), cross-attention
 * over the encoder output (never rotated: text and mel positions are not on one scale, so it
 * finds its place from content and from the positions the decoder state carries), then
 * feed-forward; each a residual branch with dropout and DropPath.
 */
final class DecoderLayer {

    private final LayerNorm norm1;
    private final MultiHeadAttention selfAttention;
    private final LayerNorm norm2;
    private final MultiHeadAttention crossAttention;
    private final LayerNorm norm3;
    private final FeedForward feedForward;
    private final double dropout;
    private final double dropPath;

    DecoderLayer(ParameterSet params, String name, ModelConfig config, double dropPath) {
        norm1 = new LayerNorm(params, name + ".norm1", config.dModel());
        selfAttention = new MultiHeadAttention(params, name + ".self_attn", config);
        norm2 = new LayerNorm(params, name + ".norm2", config.dModel());
        crossAttention = new MultiHeadAttention(params, name + ".cross_attn", config);
        norm3 = new LayerNorm(params, name + ".norm3", config.dModel());
        feedForward = new FeedForward(params, name + ".ffn", config);
        dropout = config.dropoutRate();
        this.dropPath = dropPath;
    }

    /** Cross-attention keys and values of an encoder output, computed once per utterance. */
    Memory memory(NDArray encoderOutput) {
        return new Memory(crossAttention.keys(encoderOutput), crossAttention.values(encoderOutput));
    }

    /**
     * Runs the layer on {@code x [batch, steps, dModel]}. Without a cache, {@code selfBias} holds
     * the causal and padding mask. With a cache (generation, one step at a time), this step's key
     * and value are appended and the query attends to every cached step; {@code step} is the
     * manager the cache views belong to.
     */
    Output forward(NDArray x, NDArray selfBias, Positions.Rotary rotary, KvCache cache, NDManager step,
            Memory memory, NDArray crossBias, boolean training) {
        NDArray h = norm1.forward(x);
        NDArray q = selfAttention.queries(h);
        NDArray k = selfAttention.keys(h);
        NDArray v = selfAttention.values(h);
        if (rotary != null) {
            q = rotary.apply(q);
            k = rotary.apply(k);
        }
        if (cache != null) {
            cache.append(k, v);
            k = cache.keys(step);
            v = cache.values(step);
        }
        NDArray a = selfAttention.attend(q, k, v, selfBias, training).output();
        x = x.add(branch(a, training));

        MultiHeadAttention.Attended cross = crossAttention.attend(
                crossAttention.queries(norm2.forward(x)), memory.keys(), memory.values(), crossBias, training);
        x = x.add(branch(cross.output(), training));
        x = x.add(branch(feedForward.forward(norm3.forward(x), training), training));
        return new Output(x, cross.weights());
    }

    private NDArray branch(NDArray y, boolean training) {
        return Regularization.dropPath(Regularization.dropout(y, dropout, training), dropPath, training);
    }

    record Memory(NDArray keys, NDArray values) {}

    record Output(NDArray x, NDArray crossWeights) {}
}
