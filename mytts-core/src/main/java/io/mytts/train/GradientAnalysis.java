package io.mytts.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Per-parameter gradient norms and the warnings they call for (MyTTSModel's
 * {@code analyze_gradients}): vanishing gradients (norm below 1e-7), exploding ones (above
 * 10 × max_norm) and non-finite values.
 *
 * <p>The gradients are only read: every intermediate array is closed before returning, so it is
 * safe to pass gradients that belong to long-lived managers.
 */
public final class GradientAnalysis {

    /** A norm below this is vanishing. */
    public static final double VANISHING_NORM = 1e-7;
    /** A norm above this many times max_norm is exploding. */
    public static final double EXPLODING_FACTOR = 10;
    /** How many of the largest and smallest norms a report lists. */
    public static final int TOP = 5;

    private GradientAnalysis() {}

    /**
     * Analyses the gradients of one step.
     *
     * @param gradients each parameter's gradient by name (the map's order is kept)
     * @param maxNorm the clipping limit; a norm above {@code 10 × maxNorm} is exploding
     */
    public static GradientReport analyze(Map<String, NDArray> gradients, double maxNorm) {
        Objects.requireNonNull(gradients, "gradients");
        Map<String, Double> norms = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : gradients.entrySet()) {
            norms.put(e.getKey(), GradientNorms.l2(e.getValue()));
        }
        return fromNorms(norms, maxNorm);
    }

    /** The same analysis from norms computed elsewhere (by name, in order). */
    public static GradientReport fromNorms(Map<String, Double> norms, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be positive, not " + maxNorm);
        }
        List<GradientReport.ParameterNorm> finite = new ArrayList<>();
        List<String> nonFinite = new ArrayList<>();
        List<String> vanishing = new ArrayList<>();
        List<String> exploding = new ArrayList<>();
        double squares = 0;
        double explodingLimit = EXPLODING_FACTOR * maxNorm;
        for (Map.Entry<String, Double> e : norms.entrySet()) {
            double n = e.getValue();
            squares += n * n;
            if (!Double.isFinite(n)) {
                nonFinite.add(e.getKey());
                continue;
            }
            finite.add(new GradientReport.ParameterNorm(e.getKey(), n));
            if (n < VANISHING_NORM) {
                vanishing.add(e.getKey());
            }
            if (n > explodingLimit) {
                exploding.add(e.getKey());
            }
        }
        double globalNorm = Math.sqrt(squares);

        double[] values = finite.stream().mapToDouble(GradientReport.ParameterNorm::norm).sorted().toArray();
        double min = values.length == 0 ? Double.NaN : values[0];
        double max = values.length == 0 ? Double.NaN : values[values.length - 1];
        double mean = values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
        double median = values.length == 0 ? Double.NaN
                : values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;

        List<GradientReport.ParameterNorm> byNorm = new ArrayList<>(finite);
        byNorm.sort(Comparator.comparingDouble(GradientReport.ParameterNorm::norm));
        List<GradientReport.ParameterNorm> smallest = byNorm.subList(0, Math.min(TOP, byNorm.size()));
        List<GradientReport.ParameterNorm> largest = new ArrayList<>(byNorm.subList(Math.max(0, byNorm.size() - TOP), byNorm.size()));
        java.util.Collections.reverse(largest);

        List<String> warnings = new ArrayList<>();
        if (!nonFinite.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "non-finite gradients (NaN or infinite) in %d of %d parameters: %s",
                    nonFinite.size(), norms.size(), abbreviate(nonFinite)));
        }
        if (!vanishing.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "vanishing gradients: %d of %d parameters have a norm below %.0e: %s",
                    vanishing.size(), norms.size(), VANISHING_NORM, abbreviate(vanishing)));
        }
        if (Double.isFinite(globalNorm) && globalNorm > explodingLimit) {
            warnings.add(String.format(Locale.ROOT, "exploding gradients: global norm %.4g is above 10 x max_norm (%.4g)%s",
                    globalNorm, explodingLimit, exploding.isEmpty() ? "" : "; largest in " + abbreviate(exploding)));
        }
        return new GradientReport(norms, min, max, mean, median, globalNorm, largest, smallest,
                vanishing, exploding, nonFinite, maxNorm, warnings);
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= TOP ? String.join(", ", names)
                : String.join(", ", names.subList(0, TOP)) + " and " + (names.size() - TOP) + " more";
    }
}
