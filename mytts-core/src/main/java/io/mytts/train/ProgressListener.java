package io.mytts.train;

/** Shows how far the run is ({@link Progress}: a bar on a terminal, a line per logging step otherwise). */
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
        progress = Progress.create(terminal, trainer.step(), trainer.maxSteps());
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
        progress.update(m.step(), summary, m.logging());
    }

    @Override
    public void onTrainingEnd(Trainer<?> trainer) {
        progress.close();
    }
}
