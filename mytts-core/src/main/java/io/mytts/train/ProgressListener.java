package io.mytts.train;

import io.mytts.monitor.Progress;

/** Shows how far the run is ({@link Progress}: a bar on a terminal, a line per logging step on stderr otherwise). */
final class ProgressListener implements TrainingListener {

    private final boolean terminal;
    private Progress progress;
    private double lossSum;
    private int count;
    private String summary = "";

    ProgressListener(boolean terminal) {
        this.terminal = terminal;
    }

    @Override
    public void onTrainingBegin(Trainer<?> trainer) {
        // Straight to stderr: a line whatever the logging level (the CLI shows warnings only).
        progress = Progress.steps("train", trainer.step(), trainer.maxSteps(), terminal, System.err);
    }

    @Override
    public void onStep(Trainer<?> trainer, StepMetrics m) {
        if (!m.skipped()) {
            lossSum += m.loss();
            count++;
        }
        if (m.logging()) {
            summary = count == 0 ? "" : String.format("loss %.4f", lossSum / count);
            lossSum = 0;
            count = 0;
        }
        progress.setMessage(summary);
        progress.stepTo(m.step());
        if (m.logging()) {
            progress.logLine();
        }
    }

    @Override
    public void onTrainingEnd(Trainer<?> trainer) {
        progress.close();
    }
}
