package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * DropPath (stochastic depth) for training: drops a residual branch for whole samples with
 * probability {@code rate} and scales the kept ones by {@code 1 / (1 - rate)}, so that the
 * expectation is unchanged. Masks come from PyTorch's generator, as {@link Dropout}'s.
 */
public final class DropPath {

    private DropPath() {}

    /** {@code x [batch, ...]} with each sample's branch kept or dropped as a whole. */
    public static NDArray apply(NDArray x, double rate, boolean training) {
        if (!training || rate <= 0) {
            return x;
        }
        long[] keepShape = new long[x.getShape().dimension()];
        Arrays.fill(keepShape, 1);
        keepShape[0] = x.getShape().get(0);
        NDArray u = x.getManager().randomUniform(0f, 1f, new Shape(keepShape));
        NDArray keep = u.gte(rate).toType(x.getDataType(), false).div(1 - rate);
        return x.mul(keep);
    }

    /**
     * A residual branch as pre-norm Transformers train it: dropout on the branch's output, then
     * DropPath; identity at inference.
     */
    public static NDArray branch(NDArray y, double dropout, double dropPath, boolean training) {
        return apply(Dropout.apply(y, dropout, training), dropPath, training);
    }
}
