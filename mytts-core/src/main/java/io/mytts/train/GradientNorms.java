package io.mytts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** L2 norms of gradients without leaking: every intermediate array lives in a closed sub-manager. */
final class GradientNorms {

    private GradientNorms() {}

    /** The L2 norm of all elements (NaN or infinite when the gradient holds such values). */
    static double l2(NDArray gradient) {
        if (gradient.size() == 0) {
            return 0;
        }
        try (NDManager scope = NDManager.subManagerOf(gradient)) {
            // Computed in float64 so that tiny (vanishing) and huge norms are exact enough.
            NDArray wide = gradient.toType(DataType.FLOAT64, true);
            wide.attach(scope);
            NDArray norm = wide.norm();
            norm.attach(scope);
            return norm.getDouble();
        }
    }
}
