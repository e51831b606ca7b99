package io.mytts.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one optimizer update measured.
 *
 * @param group the parameter group updated
 * @param gradNorm global gradient norm before clipping (NaN when the loss was not finite)
 * @param clippedNorm global gradient norm after clipping
 * @param skipped whether the update was skipped (non-finite loss or gradient)
 * @param parameterNorms each parameter's gradient norm before clipping, by name (empty when the
 *     loss was not finite): gradient analysis reads these instead of measuring again
 */
public record UpdateMetrics(String group, double gradNorm, double clippedNorm, boolean skipped,
        Map<String, Double> parameterNorms) {

    public UpdateMetrics {
        parameterNorms = Collections.unmodifiableMap(new LinkedHashMap<>(parameterNorms));
    }
}
