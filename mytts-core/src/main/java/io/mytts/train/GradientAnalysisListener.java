package io.mytts.train;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradient analysis on logging steps, from the norms clipping measured (no second pass over the
 * gradients): a warning for vanishing, exploding or non-finite gradients, and the smallest and
 * largest parameter norm of the first group in the log line.
 */
final class GradientAnalysisListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(GradientAnalysisListener.class);

    private final double maxNorm;

    GradientAnalysisListener(double maxNorm) {
        this.maxNorm = maxNorm;
    }

    @Override
    public void addToLogLine(StepMetrics m, Map<String, Object> line) {
        boolean first = true;
        for (UpdateMetrics u : m.updates().values()) {
            if (!u.parameterNorms().isEmpty()) {
                GradientReport report = GradientAnalysis.fromNorms(u.parameterNorms(), maxNorm);
                String group = first ? "" : u.group() + ": ";
                report.warnings().forEach(w -> LOG.warn("step {}: {}{}", m.step(), group, w));
                if (first && Double.isFinite(report.min())) {
                    // Smallest and largest parameter norm at the logging step.
                    line.put("grad_norm_min", report.min());
                    line.put("grad_norm_max", report.max());
                }
            }
            first = false;
        }
    }
}
