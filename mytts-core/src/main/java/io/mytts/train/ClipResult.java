package io.mytts.train;

import io.mytts.config.ClipMode;

/**
 * What {@link GradientClipping#clip} did in one step.
 *
 * @param mode the clipping mode
 * @param clipped whether any gradient was scaled
 * @param normBefore the global L2 norm of all gradients before clipping
 * @param normAfter the global L2 norm after clipping (computed from the scales applied)
 * @param limit the limit applied: to the global norm (global, percentile), to each parameter's norm
 *     (per_layer), or infinity (none)
 * @param scale the factor applied to all gradients (global, percentile), the smallest factor
 *     applied to one parameter (per_layer), 1 when nothing was scaled
 * @param clippedParameters how many parameters' gradients were scaled
 * @param limitFromHistory for percentile clipping, whether the limit came from the history of
 *     norms (false while the history is still too short and max_norm is used instead)
 * @param nonFinite whether the gradients held NaN or infinite values; nothing is scaled then and
 *     the norm is not remembered: skip this step
 * @param parameterNorms each parameter's gradient norm before clipping, by name (in the order
 *     given): pass it to {@link GradientAnalysis#fromNorms} to analyse the step without measuring again
 */
public record ClipResult(
        ClipMode mode,
        boolean clipped,
        double normBefore,
        double normAfter,
        double limit,
        double scale,
        int clippedParameters,
        boolean limitFromHistory,
        boolean nonFinite,
        java.util.Map<String, Double> parameterNorms) {

    public ClipResult {
        parameterNorms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameterNorms));
    }
}
