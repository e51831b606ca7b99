package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** A 1-D convolution with "same" padding (odd kernel), on {@code [batch, channels, time]}. */
final class Conv1d {

    private final NDArray weight;
    private final NDArray bias;
    private final Shape padding;

    Conv1d(ParameterSet params, String name, int in, int out, int kernel) {
        weight = params.xavier(name + ".weight", new Shape(out, in, kernel), (long) in * kernel,
                (long) out * kernel);
        bias = params.constant(name + ".bias", new Shape(out), 0f);
        padding = new Shape(kernel / 2);
    }

    NDArray forward(NDArray x) {
        return x.getNDArrayInternal()
                .convolution(x, weight, bias, new Shape(1), padding, new Shape(1), 1)
                .singletonOrThrow();
    }
}
