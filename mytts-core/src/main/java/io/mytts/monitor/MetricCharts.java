package io.mytts.monitor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Groups the keys of {@code metrics.jsonl} into charts: losses, learning rate, gradient norms and
 * diagonality together, then one chart for each other key.
 */
final class MetricCharts {

    private static final Map<String, String> TITLES = Map.of(
            "steps_per_s", "Training speed (steps/s)",
            "frames_per_s", "Training speed (frames/s)",
            "rss_mb", "Resident memory (MB)",
            "heap_mb", "Java heap (MB)");

    private MetricCharts() {}

    static boolean isLoss(String key) {
        return key.endsWith("loss");
    }

    static boolean isLearningRate(String key) {
        return key.equals("lr") || key.startsWith("lr_") || key.equals("learning_rate");
    }

    static boolean isGradientNorm(String key) {
        return key.startsWith("grad_norm");
    }

    static boolean isDiagonality(String key) {
        return key.contains("diagonality");
    }

    /** Metrics where a higher value is better (the rest: lower is better). */
    static boolean higherIsBetter(String key) {
        return isDiagonality(key) || key.endsWith("_per_s");
    }

    static List<SvgChart> charts(List<MetricsLine> lines) {
        Set<String> keys = new LinkedHashSet<>();
        lines.forEach(l -> keys.addAll(l.values().keySet()));
        keys.remove("elapsed_s");
        List<SvgChart> charts = new ArrayList<>();
        group(charts, lines, keys, MetricCharts::isLoss, "Losses", "loss", true, null, null);
        group(charts, lines, keys, MetricCharts::isLearningRate, "Learning rate", "learning rate", false, 0.0, null);
        group(charts, lines, keys, MetricCharts::isGradientNorm, "Gradient norms", "L2 norm", true, null, null);
        group(charts, lines, keys, MetricCharts::isDiagonality, "Alignment diagonality", "diagonality", false, 0.0, 1.0);
        for (String key : List.copyOf(keys)) {
            group(charts, lines, keys, key::equals, TITLES.getOrDefault(key, key), key, false, null, null);
        }
        return charts;
    }

    /** Adds a chart of the keys that match, and removes them from {@code keys}. */
    private static void group(List<SvgChart> charts, List<MetricsLine> lines, Set<String> keys,
            Predicate<String> matches, String title, String yLabel, boolean logWhenWide, Double min, Double max) {
        List<String> chosen = keys.stream().filter(matches).toList();
        if (chosen.isEmpty()) {
            return;
        }
        keys.removeAll(chosen);
        List<SvgChart.Series> series = new ArrayList<>();
        for (String key : chosen) {
            series.add(series(lines, key));
        }
        boolean log = logWhenWide && SvgChart.suitsLogScale(series);
        SvgChart chart = new SvgChart(title, yLabel, log, log ? null : min, log ? null : max);
        series.forEach(chart::add);
        charts.add(chart);
    }

    private static SvgChart.Series series(List<MetricsLine> lines, String key) {
        Map<Long, Double> byStep = new TreeMap<>();
        for (MetricsLine line : lines) {
            Double v = line.values().get(key);
            if (v != null) {
                byStep.put(line.step(), v); // a step logged twice (after a resume) keeps its last value
            }
        }
        double[] x = new double[byStep.size()];
        double[] y = new double[byStep.size()];
        int i = 0;
        for (Map.Entry<Long, Double> e : byStep.entrySet()) {
            x[i] = e.getKey();
            y[i++] = e.getValue();
        }
        return new SvgChart.Series(key, x, y);
    }
}
