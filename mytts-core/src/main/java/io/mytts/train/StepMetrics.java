package io.mytts.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training step measured.
 *
 * @param step the step number (1-based)
 * @param losses every update's loss values by name, totals included ({@value NamedLosses#TOTAL}
 *     for a model with one optimizer)
 * @param measures other values the model reported (a loss weight; diagonality on logging steps)
 * @param updates each parameter group's update, in the order of the groups
 * @param lr learning rate used
 * @param frames data in the batch (real mel frames for TTS)
 * @param logging whether the step's values go into a log line
 */
public record StepMetrics(long step, Map<String, Double> losses, Map<String, Double> measures,
        Map<String, UpdateMetrics> updates, double lr, long frames, boolean logging) {

    public StepMetrics {
        losses = Collections.unmodifiableMap(new LinkedHashMap<>(losses));
        measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
        updates = Collections.unmodifiableMap(new LinkedHashMap<>(updates));
    }

    /** The total loss, {@value NamedLosses#TOTAL} (NaN if the model reports none). */
    public double loss() {
        return loss(NamedLosses.TOTAL);
    }

    /** A loss by name, NaN if the step has none of that name. */
    public double loss(String name) {
        return losses.getOrDefault(name, Double.NaN);
    }

    /** A measure by name, NaN if the step has none of that name. */
    public double measure(String name) {
        return measures.getOrDefault(name, Double.NaN);
    }

    /** Whether an update was skipped (non-finite loss or gradient). */
    public boolean skipped() {
        return updates.values().stream().anyMatch(UpdateMetrics::skipped);
    }

    /** The first group's global gradient norm before clipping. */
    public double gradNorm() {
        return first() == null ? Double.NaN : first().gradNorm();
    }

    /** The first group's global gradient norm after clipping. */
    public double clippedNorm() {
        return first() == null ? Double.NaN : first().clippedNorm();
    }

    private UpdateMetrics first() {
        return updates.isEmpty() ? null : updates.values().iterator().next();
    }
}
