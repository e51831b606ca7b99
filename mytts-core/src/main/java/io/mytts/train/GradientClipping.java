package io.mytts.train;

import ai.djl.ndarray.NDArray;
import io.mytts.config.ClipMode;
import io.mytts.config.TrainConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gradient clipping in place (MyTTSModel's {@code adaptive_gradient_clipping}), by mode:
 * <ul>
 *   <li>{@link ClipMode#GLOBAL}: if the global L2 norm of all gradients exceeds max_norm, every
 *       gradient is multiplied by {@code maxNorm / (norm + 1e-6)} (as PyTorch's
 *       {@code clip_grad_norm_}), which keeps their direction;
 *   <li>{@link ClipMode#PER_LAYER}: each parameter's gradient whose own norm exceeds max_norm is
 *       scaled down to it, independently of the others;
 *   <li>{@link ClipMode#PERCENTILE}: like global, with the limit set to a percentile (say the 90th)
 *       of the global norms of the recent steps (the last {@code historySize}). The history holds
 *       the norms before clipping, so the limit follows the gradients instead of ratcheting down.
 *       Until it holds {@code minHistory} norms, max_norm is the limit;
 *   <li>{@link ClipMode#NONE}: nothing is scaled; the norm is still measured and remembered.
 * </ul>
 * Gradients with NaN or infinite values are never scaled and their norm is not remembered; the
 * result says so, and the trainer should skip the step.
 *
 * <p>Scaling multiplies the gradient arrays in place ({@code muli}): no array is created in the
 * gradients' (long-lived) manager, and the norms are computed in closed sub-managers.
 *
 * <p>The history is state: for an exact resume, save {@link #history()} with the checkpoint and
 * give it back to {@link #restoreHistory(double[])}.
 *
 * <p>Not thread-safe: one instance belongs to one training loop.
 */
public final class GradientClipping {

    /** Added to the norm before dividing, as PyTorch does, so the result stays below the limit. */
    static final double EPSILON = 1e-6;

    private final ClipMode mode;
    private final double maxNorm;
    private final double percentile;
    private final int minHistory;
    private final double[] ring;
    private int start;
    private int size;

    private GradientClipping(Builder b) {
        this.mode = b.mode;
        this.maxNorm = b.maxNorm;
        this.percentile = b.percentile;
        this.minHistory = b.minHistory;
        this.ring = new double[b.historySize];
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Clipping as a training config asks: clip_mode, max_grad_norm, clip_percentile, clip_history. */
    public static GradientClipping fromConfig(TrainConfig config) {
        return builder().setMode(config.clipMode()).setMaxNorm(config.maxGradNorm())
                .optPercentile(config.clipPercentile()).optHistorySize(config.clipHistory())
                .optMinHistory(Math.min(Builder.DEFAULT_MIN_HISTORY, config.clipHistory())).build();
    }

    public ClipMode mode() {
        return mode;
    }

    /**
     * Measures and clips the gradients of one step in place.
     *
     * @param gradients each parameter's gradient by name
     */
    public ClipResult clip(Map<String, NDArray> gradients) {
        Objects.requireNonNull(gradients, "gradients");
        List<NDArray> arrays = new ArrayList<>(gradients.values());
        Map<String, Double> byName = new LinkedHashMap<>();
        double[] norms = new double[arrays.size()];
        double squares = 0;
        int i = 0;
        for (Map.Entry<String, NDArray> e : gradients.entrySet()) {
            norms[i] = GradientNorms.l2(e.getValue());
            byName.put(e.getKey(), norms[i]);
            squares += norms[i] * norms[i];
            i++;
        }
        double norm = Math.sqrt(squares);
        if (!Double.isFinite(norm)) {
            return new ClipResult(mode, false, norm, norm, currentLimit(), 1, 0, false, true, byName);
        }
        ClipResult result = switch (mode) {
            case NONE -> new ClipResult(mode, false, norm, norm, Double.POSITIVE_INFINITY, 1, 0, false, false, byName);
            case GLOBAL -> clipGlobal(arrays, norm, maxNorm, false, byName);
            case PERCENTILE -> clipGlobal(arrays, norm, currentLimit(), hasEnoughHistory(), byName);
            case PER_LAYER -> clipEach(arrays, norms, byName);
        };
        remember(norm);
        return result;
    }

    /**
     * The limit the next step would get: max_norm, the current percentile of the history
     * (percentile mode, once the history is long enough), or infinity (none).
     */
    public double currentLimit() {
        return switch (mode) {
            case NONE -> Double.POSITIVE_INFINITY;
            case GLOBAL, PER_LAYER -> maxNorm;
            case PERCENTILE -> hasEnoughHistory() ? percentileOf(history(), percentile) : maxNorm;
        };
    }

    private boolean hasEnoughHistory() {
        return size >= minHistory;
    }

    private ClipResult clipGlobal(List<NDArray> arrays, double norm, double limit, boolean fromHistory,
            Map<String, Double> byName) {
        if (norm <= limit) {
            return new ClipResult(mode, false, norm, norm, limit, 1, 0, fromHistory, false, byName);
        }
        double scale = limit / (norm + EPSILON);
        for (NDArray g : arrays) {
            g.muli(scale);
        }
        return new ClipResult(mode, true, norm, norm * scale, limit, scale, arrays.size(), fromHistory, false, byName);
    }

    private ClipResult clipEach(List<NDArray> arrays, double[] norms, Map<String, Double> byName) {
        double squaresAfter = 0;
        double smallestScale = 1;
        int clipped = 0;
        for (int i = 0; i < norms.length; i++) {
            double after = norms[i];
            if (norms[i] > maxNorm) {
                double scale = maxNorm / (norms[i] + EPSILON);
                arrays.get(i).muli(scale);
                after = norms[i] * scale;
                smallestScale = Math.min(smallestScale, scale);
                clipped++;
            }
            squaresAfter += after * after;
        }
        double before = Math.sqrt(Arrays.stream(norms).map(n -> n * n).sum());
        return new ClipResult(mode, clipped > 0, before, Math.sqrt(squaresAfter), maxNorm, smallestScale,
                clipped, false, false, byName);
    }

    private void remember(double norm) {
        if (size < ring.length) {
            ring[(start + size) % ring.length] = norm;
            size++;
        } else {
            ring[start] = norm;
            start = (start + 1) % ring.length;
        }
    }

    /** The remembered global norms, oldest first (a copy): save it with a checkpoint. */
    public double[] history() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % ring.length];
        }
        return out;
    }

    /**
     * Replaces the history with one saved by {@link #history()}, oldest first. If it is longer than
     * this instance's history size, only the most recent norms are kept.
     *
     * @throws IllegalArgumentException if a norm is negative or not finite
     */
    public void restoreHistory(double[] norms) {
        Objects.requireNonNull(norms, "norms");
        for (double n : norms) {
            if (!(n >= 0) || Double.isInfinite(n)) {
                throw new IllegalArgumentException("a saved gradient norm must be finite and >= 0, not " + n);
            }
        }
        int keep = Math.min(norms.length, ring.length);
        System.arraycopy(norms, norms.length - keep, ring, 0, keep);
        start = 0;
        size = keep;
    }

    /**
     * The {@code p}-th percentile (0 to 100) with linear interpolation between the closest ranks
     * (NumPy's default): rank {@code p / 100 × (n − 1)} of the sorted values.
     */
    static double percentileOf(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Builder of {@link GradientClipping}: {@code setMode} and {@code setMaxNorm} are required.
     */
    public static final class Builder {
        static final int DEFAULT_MIN_HISTORY = 20;

        private ClipMode mode;
        private double maxNorm = Double.NaN;
        private double percentile = 90;
        private int historySize = 1000;
        private int minHistory = -1;

        private Builder() {}

        public Builder setMode(ClipMode mode) {
            this.mode = mode;
            return this;
        }

        /** The limit of global and per-layer clipping, and of percentile clipping before history exists. */
        public Builder setMaxNorm(double maxNorm) {
            this.maxNorm = maxNorm;
            return this;
        }

        /** The percentile of percentile clipping, in (0, 100] (default 90). */
        public Builder optPercentile(double percentile) {
            this.percentile = percentile;
            return this;
        }

        /** How many recent global norms are remembered (default 1000). */
        public Builder optHistorySize(int historySize) {
            this.historySize = historySize;
            return this;
        }

        /** How many norms percentile clipping needs before it trusts the history (default 20). */
        public Builder optMinHistory(int minHistory) {
            this.minHistory = minHistory;
            return this;
        }

        public GradientClipping build() {
            if (mode == null) {
                throw new IllegalArgumentException("setMode is required");
            }
            if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
                throw new IllegalArgumentException("setMaxNorm needs a positive finite limit, not " + maxNorm);
            }
            if (!(percentile > 0 && percentile <= 100)) {
                throw new IllegalArgumentException("percentile must be in (0, 100], not " + percentile);
            }
            if (historySize < 1) {
                throw new IllegalArgumentException("historySize must be at least 1, not " + historySize);
            }
            if (minHistory < 0) {
                minHistory = Math.min(DEFAULT_MIN_HISTORY, historySize);
            }
            if (minHistory < 1 || minHistory > historySize) {
                throw new IllegalArgumentException("minHistory must be in [1, historySize], not " + minHistory);
            }
            return new GradientClipping(this);
        }
    }
}
