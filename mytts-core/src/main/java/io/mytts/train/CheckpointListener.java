package io.mytts.train;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints every {@code checkpoint_every} steps and at each validation, and the best one by
 * validation loss. (The loop itself saves step 0 and the last step, so that a run can always be
 * resumed and rolled back.)
 */
final class CheckpointListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointListener.class);

    private final int every;

    CheckpointListener(int every) {
        this.every = every;
    }

    @Override
    public void onStep(Trainer<?> trainer, StepMetrics m) throws IOException {
        if (m.step() % every == 0) {
            trainer.saveCheckpoint();
        }
    }

    @Override
    public void onValidation(Trainer<?> trainer, ValidationResult report) throws IOException {
        if (trainer.lastSavedStep() != report.step()) {
            trainer.saveCheckpoint();
        }
        if (trainer.checkpoints().offerBest(report.step(), report.loss())) {
            LOG.info("step {}: best validation loss so far, {}", report.step(), report.loss());
        }
    }
}
