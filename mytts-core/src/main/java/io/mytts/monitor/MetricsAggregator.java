package io.mytts.monitor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Running statistics of training metrics over a sliding window of the last {@code windowSize}
 * values of each (MyTTSModel's {@code MetricsAggregator(window_size)}).
 *
 * <p>For each metric: mean, population standard deviation, min, max, last and count over the
 * window, and a trend. The trend comes from the least-squares line through the window's values
 * against their update index (0, 1, 2, ...):
 * <ul>
 *   <li>{@link Trend#FLAT} when the window holds fewer than 3 values, or the line's change across
 *       the window ({@code |slope| × (count − 1)}) is below {@code flatTolerance} (default 1%) of the
 *       mean's magnitude, or the slope is not significant (below twice its standard error: the
 *       noise could explain it);
 *   <li>otherwise {@link Trend#IMPROVING} or {@link Trend#WORSENING} by the metric's direction.
 *       <b>Lower is better by default</b> (losses, gradient norms); declare metrics where higher is
 *       better with {@link #higherIsBetter(String)} (diagonality, throughput).
 * </ul>
 * NaN and infinite values are counted ({@link MetricStatistics#nonFiniteCount()}) but left out of
 * the window, so that one bad step does not hide the statistics.
 *
 * <p>Not thread-safe.
 */
public final class MetricsAggregator {

    /** Default relative change across the window below which a metric is flat. */
    public static final double DEFAULT_FLAT_TOLERANCE = 0.01;

    private final int windowSize;
    private final double flatTolerance;
    private final Map<String, Window> windows = new LinkedHashMap<>();
    private final Map<String, Boolean> higherIsBetter = new LinkedHashMap<>();

    public MetricsAggregator(int windowSize) {
        this(windowSize, DEFAULT_FLAT_TOLERANCE);
    }

    /**
     * @param windowSize how many recent values of each metric the statistics cover
     * @param flatTolerance relative change across the window below which a metric is flat
     */
    public MetricsAggregator(int windowSize, double flatTolerance) {
        if (windowSize < 1) {
            throw new IllegalArgumentException("windowSize must be at least 1, not " + windowSize);
        }
        if (!(flatTolerance >= 0)) {
            throw new IllegalArgumentException("flatTolerance must be 0 or more, not " + flatTolerance);
        }
        this.windowSize = windowSize;
        this.flatTolerance = flatTolerance;
    }

    /** Declares that higher values of this metric are better (e.g. diagonality). */
    public MetricsAggregator higherIsBetter(String metric) {
        higherIsBetter.put(Objects.requireNonNull(metric), true);
        return this;
    }

    /** Declares that lower values of this metric are better (the default). */
    public MetricsAggregator lowerIsBetter(String metric) {
        higherIsBetter.put(Objects.requireNonNull(metric), false);
        return this;
    }

    /** Adds one value of each metric in the map (null values are ignored). */
    public void update(Map<String, Double> metrics) {
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            if (e.getValue() != null) {
                update(e.getKey(), e.getValue());
            }
        }
    }

    /** Adds one value of one metric. */
    public void update(String metric, double value) {
        windows.computeIfAbsent(Objects.requireNonNull(metric), k -> new Window(windowSize)).add(value);
    }

    /** The statistics of one metric, or null if it was never updated with a finite value. */
    public MetricStatistics getStatistics(String metric) {
        Window w = windows.get(metric);
        return w == null || w.size == 0 ? null : statistics(metric, w);
    }

    /** The statistics of every metric with at least one finite value, in order of first update. */
    public Map<String, MetricStatistics> getAllStatistics() {
        Map<String, MetricStatistics> out = new LinkedHashMap<>();
        for (Map.Entry<String, Window> e : windows.entrySet()) {
            if (e.getValue().size > 0) {
                out.put(e.getKey(), statistics(e.getKey(), e.getValue()));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private MetricStatistics statistics(String name, Window w) {
        double[] v = w.values();
        int n = v.length;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = sum / n;
        double squares = 0;
        for (double x : v) {
            squares += (x - mean) * (x - mean);
        }
        double std = Math.sqrt(squares / n);
        double slope = slope(v);
        Trend trend = trend(name, v, mean, slope);
        return new MetricStatistics(name, mean, std, min, max, v[n - 1], n, w.total, w.nonFinite, slope, trend);
    }

    /** Least-squares slope of the values against 0, 1, ..., n − 1 (0 for fewer than 2 values). */
    static double slope(double[] v) {
        int n = v.length;
        if (n < 2) {
            return 0;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double y : v) {
            meanY += y;
        }
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - meanX) * (v[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        return sxy / sxx;
    }

    private Trend trend(String name, double[] v, double mean, double slope) {
        int n = v.length;
        if (n < 3 || slope == 0) {
            return Trend.FLAT;
        }
        double change = Math.abs(slope) * (n - 1);
        if (change <= flatTolerance * Math.abs(mean)) {
            return Trend.FLAT;
        }
        // Standard error of the slope: sqrt(residual variance / sxx), residuals with n − 2 degrees of freedom.
        double meanX = (n - 1) / 2.0;
        double intercept = mean - slope * meanX;
        double residuals = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double r = v[i] - (intercept + slope * i);
            residuals += r * r;
            sxx += (i - meanX) * (i - meanX);
        }
        double standardError = Math.sqrt(residuals / (n - 2) / sxx);
        if (Math.abs(slope) < 2 * standardError) {
            return Trend.FLAT;
        }
        boolean rising = slope > 0;
        boolean higherBetter = higherIsBetter.getOrDefault(name, false);
        return rising == higherBetter ? Trend.IMPROVING : Trend.WORSENING;
    }

    /** A ring buffer of the last values of one metric. */
    private static final class Window {
        private final double[] ring;
        private int start;
        private int size;
        private long total;
        private long nonFinite;

        Window(int capacity) {
            ring = new double[capacity];
        }

        void add(double value) {
            if (!Double.isFinite(value)) {
                nonFinite++;
                return;
            }
            total++;
            if (size < ring.length) {
                ring[(start + size) % ring.length] = value;
                size++;
            } else {
                ring[start] = value;
                start = (start + 1) % ring.length;
            }
        }

        double[] values() {
            double[] out = new double[size];
            for (int i = 0; i < size; i++) {
                out[i] = ring[(start + i) % ring.length];
            }
            return out;
        }
    }
}
