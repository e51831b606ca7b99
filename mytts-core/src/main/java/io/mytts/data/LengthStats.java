package io.mytts.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Summary of a list of lengths (seconds, frames or tokens). */
public record LengthStats(int count, double total, double min, double max, double mean, double median, double p95) {

    public static final LengthStats EMPTY = new LengthStats(0, 0, 0, 0, 0, 0, 0);

    public static LengthStats of(double[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double total = 0;
        for (double x : v) {
            total += x;
        }
        return new LengthStats(v.length, total, v[0], v[v.length - 1], total / v.length,
                quantile(v, 0.5), quantile(v, 0.95));
    }

    /** Linear interpolation between the closest ranks (NumPy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("total", total);
        m.put("min", min);
        m.put("max", max);
        m.put("mean", mean);
        m.put("median", median);
        m.put("p95", p95);
        return m;
    }

    /** {@code min 1.2, median 4.0, mean 4.1, p95 7.9, max 9.8}, numbers with {@code decimals} decimals. */
    public String describe(int decimals) {
        String f = "%." + decimals + "f";
        return String.format("min " + f + ", median " + f + ", mean " + f + ", p95 " + f + ", max " + f,
                min, median, mean, p95, max);
    }
}
