package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.mytts.config.ModelConfig;

/**
 * Scaled dot-product attention with {@code numHeads} heads and bias-free projections {@code wq,
 * wk, wv, wo} (a key bias would only shift every score of a row by the same amount, so it would
 * never learn). Queries, keys and values are {@code [batch, heads, positions, headDim]}.
 */
final class MultiHeadAttention {

    private final Linear wq;
    private final Linear wk;
    private final Linear wv;
    private final Linear wo;
    private final int heads;
    private final int headDim;
    private final double dropout;

    MultiHeadAttention(ParameterSet params, String name, ModelConfig config) {
        int d = config.dModel();
        wq = new Linear(params, name + ".wq", d, d, false);
        wk = new Linear(params, name + ".wk", d, d, false);
        wv = new Linear(params, name + ".wv", d, d, false);
        wo = new Linear(params, name + ".wo", d, d, false);
        heads = config.numHeads();
        headDim = config.headDim();
        dropout = config.dropoutRate();
    }

    NDArray queries(NDArray x) {
        return splitHeads(wq.forward(x));
    }

    NDArray keys(NDArray x) {
        return splitHeads(wk.forward(x));
    }

    NDArray values(NDArray x) {
        return splitHeads(wv.forward(x));
    }

    /**
     * Attends and projects back: returns the output {@code [batch, queries, dModel]} and the
     * attention weights {@code [batch, heads, queries, keys]} (before attention dropout).
     */
    Attended attend(NDArray q, NDArray k, NDArray v, NDArray bias, boolean training) {
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
        // A scalar made by libtorch: DJL's mul(Number) frees its operand before the backward pass
        // reads it (docs/train.md, "Reproducibility").
        scores = scores.mul(scores.getManager().full(new Shape(), (float) (1.0 / Math.sqrt(headDim)),
                scores.getDataType()));
        if (bias != null) {
            scores = scores.add(bias);
        }
        NDArray weights = scores.softmax(3);
        NDArray context = Regularization.dropout(weights, dropout, training).matMul(v);
        return new Attended(wo.forward(mergeHeads(context)), weights);
    }

    private NDArray splitHeads(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, headDim).transpose(0, 2, 1, 3);
    }

    private NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), (long) heads * headDim);
    }

    record Attended(NDArray output, NDArray weights) {}
}
