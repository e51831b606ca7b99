package io.mytts.train;

import java.util.List;
import java.util.Map;

/**
 * The gradient statistics of one training step, from {@link GradientAnalysis#analyze}.
 *
 * <p>{@code min}, {@code max}, {@code mean} and {@code median} are over the parameters whose norm
 * is finite (NaN when none is); {@code globalNorm} is over all parameters, so it is NaN or
 * infinite as soon as one gradient holds a non-finite value: check {@link #hasNonFinite()} before
 * taking a step.
 *
 * @param norms the L2 norm of each parameter's gradient, in the order given
 * @param min the smallest finite norm
 * @param max the largest finite norm
 * @param mean the mean of the finite norms
 * @param median the median of the finite norms
 * @param globalNorm the L2 norm of all gradients together: sqrt of the sum of squared norms
 * @param largest the largest finite norms, largest first (at most {@link GradientAnalysis#TOP})
 * @param smallest the smallest finite norms, smallest first (at most {@link GradientAnalysis#TOP})
 * @param vanishing parameters whose norm is below {@link GradientAnalysis#VANISHING_NORM}
 * @param exploding parameters whose norm is above 10 × max_norm
 * @param nonFinite parameters whose gradient holds NaN or infinite values
 * @param maxNorm the clipping limit the thresholds refer to
 * @param warnings one line per problem found, empty when all is well
 */
public record GradientReport(
        Map<String, Double> norms,
        double min,
        double max,
        double mean,
        double median,
        double globalNorm,
        List<ParameterNorm> largest,
        List<ParameterNorm> smallest,
        List<String> vanishing,
        List<String> exploding,
        List<String> nonFinite,
        double maxNorm,
        List<String> warnings) {

    public GradientReport {
        norms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(norms));
        largest = List.copyOf(largest);
        smallest = List.copyOf(smallest);
        vanishing = List.copyOf(vanishing);
        exploding = List.copyOf(exploding);
        nonFinite = List.copyOf(nonFinite);
        warnings = List.copyOf(warnings);
    }

    /** A parameter's name and gradient norm. */
    public record ParameterNorm(String name, double norm) {}

    public boolean hasNonFinite() {
        return !nonFinite.isEmpty();
    }

    /** Whether the global norm exceeds 10 × max_norm (or a parameter's norm does). */
    public boolean isExploding() {
        return globalNorm > GradientAnalysis.EXPLODING_FACTOR * maxNorm || !exploding.isEmpty();
    }

    public boolean isVanishing() {
        return !vanishing.isEmpty();
    }
}
