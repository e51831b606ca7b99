package io.mytts.monitor;

import java.util.Map;

/**
 * One line of a run's {@code metrics.jsonl}: the step and the numeric values logged with it.
 *
 * @param step the training step
 * @param values the numeric values by key, in the order of the line ({@code step} not included)
 */
public record MetricsLine(long step, Map<String, Double> values) {

    public MetricsLine {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
