package io.mytts.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/** Scales gradients in place before the optimizer sees them, and remembers what it needs to. */
interface GradientClipper {

    /**
     * Clips in place.
     *
     * @param gradients by parameter name, in the step's manager
     * @param globalNorm their global L2 norm, already computed
     * @return the global norm after clipping
     */
    double clip(Map<String, NDArray> gradients, double globalNorm);

    /** State to save in a checkpoint (for percentile clipping, the recent norms). */
    List<Double> history();

    void restore(List<Double> history);
}
