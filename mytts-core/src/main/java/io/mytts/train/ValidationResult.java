package io.mytts.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The means of one validation pass.
 *
 * @param step the training step validated
 * @param means each value's mean over the validation set, by name (losses, diagonality...)
 */
public record ValidationResult(long step, Map<String, Double> means) {

    public ValidationResult {
        means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
    }

    /** The validation loss {@value NamedLosses#TOTAL} that picks the best checkpoint (NaN if none). */
    public double loss() {
        return get(NamedLosses.TOTAL);
    }

    public double get(String name) {
        return means.getOrDefault(name, Double.NaN);
    }

    /** The metrics line: {@code val_NAME} for each mean; losses always, other values when finite. */
    Map<String, Object> toRecord() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", step);
        means.forEach((k, v) -> {
            if (Double.isFinite(v) || k.equals(NamedLosses.TOTAL) || k.endsWith("_loss")) {
                r.put("val_" + k, v);
            }
        });
        return r;
    }
}
