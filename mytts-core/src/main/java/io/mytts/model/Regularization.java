package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Dropout and DropPath (stochastic depth) for training. Their masks come from PyTorch's
 * generator: seed it with {@code Engine.getInstance().setRandomSeed(seed)} for repeatable
 * training. Inference never calls these (the prenet's inference dropout has its own seeded masks).
 */
final class Regularization {

    private Regularization() {}

    static NDArray dropout(NDArray x, double rate, boolean training) {
        if (!training || rate <= 0) {
            return x;
        }
        return x.getNDArrayInternal().dropout(x, (float) rate, true).singletonOrThrow();
    }

    /**
     * Drops a residual branch for whole samples with probability {@code rate} and scales the kept
     * ones by {@code 1 / (1 - rate)}, so that the expectation is unchanged; {@code x} is
     * {@code [batch, ...]}.
     */
    static NDArray dropPath(NDArray x, double rate, boolean training) {
        if (!training || rate <= 0) {
            return x;
        }
        long[] keepShape = new long[x.getShape().dimension()];
        java.util.Arrays.fill(keepShape, 1);
        keepShape[0] = x.getShape().get(0);
        NDArray u = x.getManager().randomUniform(0f, 1f, new Shape(keepShape));
        NDArray keep = u.gte(rate).toType(x.getDataType(), false).div(1 - rate);
        return x.mul(keep);
    }
}
