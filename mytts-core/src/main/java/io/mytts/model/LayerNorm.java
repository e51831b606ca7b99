package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Layer normalisation over the last axis only, with learned gain and shift. */
final class LayerNorm {

    private static final float EPS = 1e-5f;
    private final NDArray gamma;
    private final NDArray beta;
    private final Shape normalized;

    LayerNorm(ParameterSet params, String name, int dim) {
        gamma = params.constant(name + ".gamma", new Shape(dim), 1f);
        beta = params.constant(name + ".beta", new Shape(dim), 0f);
        normalized = new Shape(dim);
    }

    NDArray forward(NDArray x) {
        return x.getNDArrayInternal().layerNorm(x, normalized, gamma, beta, EPS).singletonOrThrow();
    }
}
