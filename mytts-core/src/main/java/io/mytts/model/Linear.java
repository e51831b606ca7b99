package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A fully connected layer {@code y = x W + b} over the last axis. The weight is stored as
 * {@code [in, out]} so that {@code x.matMul(W)} runs on the caller's (step-scoped) array and the
 * result lands in the caller's manager, never in the parameters'.
 */
final class Linear {

    final NDArray weight;
    final NDArray bias;

    Linear(ParameterSet params, String name, int in, int out, boolean withBias) {
        weight = params.xavier(name + ".weight", new Shape(in, out), in, out);
        bias = withBias ? params.constant(name + ".bias", new Shape(out), 0f) : null;
    }

    NDArray forward(NDArray x) {
        NDArray y = x.matMul(weight);
        return bias == null ? y : y.add(bias);
    }
}
