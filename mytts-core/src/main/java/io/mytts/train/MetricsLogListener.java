package io.mytts.train;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code metrics.jsonl} lines: every logging step, the means of the interval's losses and
 * gradient norms, its last measures, throughput, and what the other listeners add
 * ({@link TrainingListener#addToLogLine}); after each validation, its means as {@code val_NAME}.
 */
final class MetricsLogListener implements TrainingListener {

    private final Map<String, double[]> lossSums = new LinkedHashMap<>();
    private final Map<String, Double> lastMeasures = new LinkedHashMap<>();
    private final Map<String, double[]> gradSums = new LinkedHashMap<>();
    private int count;
    private int skipped;
    private long intervalFrames;
    private long startNanos = System.nanoTime();

    @Override
    public void onStep(Trainer<?> trainer, StepMetrics m) throws IOException {
        add(m);
        if (m.logging()) {
            Map<String, Object> line = line(trainer, m);
            for (TrainingListener l : trainer.listeners()) {
                l.addToLogLine(m, line);
            }
            trainer.log(line);
            reset();
        }
    }

    @Override
    public void onValidation(Trainer<?> trainer, ValidationResult report) throws IOException {
        trainer.log(report.toRecord());
    }

    private void add(StepMetrics m) {
        lastMeasures.putAll(m.measures());
        if (m.skipped()) {
            skipped++;
            return;
        }
        count++;
        m.losses().forEach((k, v) -> lossSums.computeIfAbsent(k, x -> new double[1])[0] += v);
        boolean first = true;
        for (UpdateMetrics u : m.updates().values()) {
            String prefix = first ? "" : u.group() + "_";
            first = false;
            double[] g = gradSums.computeIfAbsent(prefix, x -> new double[3]);
            g[0] += u.gradNorm();
            g[1] = Math.max(g[1], u.gradNorm());
            g[2] += u.clippedNorm();
        }
        intervalFrames += m.frames();
    }

    private Map<String, Object> line(Trainer<?> trainer, StepMetrics m) {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        int n = Math.max(1, count);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", m.step());
        r.put("elapsed_s", trainer.sessionSeconds());
        lossSums.forEach((k, s) -> r.put(k, s[0] / n));
        lastMeasures.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                r.put(k, v);
            }
        });
        r.put("lr", m.lr());
        gradSums.forEach((prefix, g) -> {
            r.put(prefix + "grad_norm", g[0] / n);
            r.put(prefix + "grad_norm_interval_max", g[1]);
            r.put(prefix + "grad_norm_clipped", g[2] / n);
        });
        r.put("skipped_steps", skipped);
        r.put("steps_per_s", (count + skipped) / seconds);
        r.put("frames_per_s", intervalFrames / seconds);
        return r;
    }

    private void reset() {
        count = 0;
        skipped = 0;
        lossSums.clear();
        lastMeasures.clear();
        gradSums.clear();
        intervalFrames = 0;
        startNanos = System.nanoTime();
    }
}
