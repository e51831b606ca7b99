package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mytts.config.ModelConfig;
import io.mytts.nn.Blocks;
import io.mytts.nn.DropPath;
import io.mytts.nn.FeedForward;
import io.mytts.nn.LayerNorm;
import io.mytts.nn.MultiHeadAttention;
import io.mytts.nn.ParameterSet;
import io.mytts.nn.Positions;

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
        norm1 = new LayerNorm(params, name + ".norm1", Blocks.norm(config));
        selfAttention = new MultiHeadAttention(params, name + ".self_attn", Blocks.attention(config));
        norm2 = new LayerNorm(params, name + ".norm2", Blocks.norm(config));
        crossAttention = new MultiHeadAttention(params, name + ".cross_attn", Blocks.attention(config));
        norm3 = new LayerNorm(params, name + ".norm3", Blocks.norm(config));
        feedForward = new FeedForward(params, name + ".ffn", Blocks.feedForward(config));
        dropout = config.dropoutRate();
        this.dropPath = dropPath;
    }

    /** Cross-attention keys and values of an encoder output, computed once per utterance. */
    MultiHeadAttention.Memory memory(NDArray encoderOutput) {
        return crossAttention.memory(encoderOutput);
    }

    /**
     * Runs the layer on the whole sequence {@code x [batch, steps, dModel]}; {@code selfBias}
     * holds the causal and padding mask.
     */
    Output forward(NDArray x, NDArray selfBias, Positions.Rotary rotary, MultiHeadAttention.Memory memory,
            NDArray crossBias, boolean training) {
        NDArray a = selfAttention.selfAttention(norm1.forward(x), selfBias, rotary, training).output();
        x = x.add(branch(a, training));
        MultiHeadAttention.Attended cross = crossAttention.attend(
                crossAttention.queries(norm2.forward(x)), memory.keys(), memory.values(), crossBias, training);
        x = x.add(branch(cross.output(), training));
        x = x.add(branch(feedForward.forward(norm3.forward(x), training), training));
        return new Output(x, cross.weights());
    }

    private NDArray branch(NDArray y, boolean training) {
        return DropPath.branch(y, dropout, dropPath, training);
    }

    /** This layer for step-by-step generation: a key/value cache, fused weights, residuals added in place. */
    Step stepper(NDManager generation, int batch, int capacity, MultiHeadAttention.Memory memory) {
        return new Step(norm1, selfAttention.cached(generation, batch, capacity), norm2,
                crossAttention.overMemory(generation, memory), norm3, feedForward.freeze(generation));
    }

    record Output(NDArray x, NDArray crossWeights) {}

    /** One layer of cached generation (inference only: no dropout, nothing recorded for gradients). */
    record Step(LayerNorm norm1, MultiHeadAttention.Cached self, LayerNorm norm2, MultiHeadAttention.OverMemory cross,
            LayerNorm norm3, FeedForward.Frozen ffn) {

        /** {@code x [batch, dModel]} (2-D: the residuals then go inside the output projections). */
        Output forward(NDArray x, Positions.Rotary rotary, NDArray crossBias, NDManager step) {
            x = self.step(norm1.forward(x), x, rotary, step);
            MultiHeadAttention.Attended attended = cross.step(norm2.forward(x), x, crossBias);
            x = attended.output();
            x.addi(ffn.forward(norm3.forward(x)));
            return new Output(x, attended.weights());
        }
    }
}
