package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a scalar that gradients flow through. DJL's {@code x.mul(2f)} (and {@code div},
 * {@code pow}, {@code maximum}, {@code minimum} with a number) makes a temporary tensor over a
 * Java buffer and closes it at once; autograd keeps that tensor for the backward pass, and once the
 * garbage collector has freed the buffer the gradient is computed from whatever reuses the memory:
 * garbage, now and then, wherever a collection falls between a forward and its backward
 * (docs/train.md, "Reproducibility"; {@code ScalarGradientTest}). A scalar made by libtorch
 * ({@code full}) lives in libtorch's memory as long as autograd needs it. ({@code add} and
 * {@code sub} with a number are safe: their backward does not read the number.)
 */
public final class Scalars {

    private Scalars() {}

    /** {@code value} as a 0-dimensional tensor of {@code like}'s type, in its manager, owned by libtorch. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    public static NDArray mul(NDArray x, double value) {
        return x.mul(of(x, value));
    }

    public static NDArray div(NDArray x, double value) {
        return x.div(of(x, value));
    }

    public static NDArray maximum(NDArray x, double value) {
        return x.maximum(of(x, value));
    }

    public static NDArray minimum(NDArray x, double value) {
        return x.minimum(of(x, value));
    }
}
