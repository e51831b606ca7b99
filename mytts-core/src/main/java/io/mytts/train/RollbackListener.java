package io.mytts.train;

import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollback on non-finite losses: a skipped update is logged (a warning and a {@code skipped}
 * event); after {@code limit} skipped steps in a row the run goes back to its newest checkpoint with
 * the learning rate times {@code lrFactor}, and after {@value #MAX_ROLLBACKS} rollbacks it stops.
 */
final class RollbackListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(RollbackListener.class);
    /** Rollbacks allowed before the run is declared diverged. */
    static final int MAX_ROLLBACKS = 5;

    private final NonFiniteGuard guard;
    private final int limit;
    private final double lrFactor;

    RollbackListener(int limit, double lrFactor) {
        this.guard = new NonFiniteGuard(limit);
        this.limit = limit;
        this.lrFactor = lrFactor;
    }

    @Override
    public void onStep(Trainer<?> trainer, StepMetrics m) throws IOException {
        if (guard.check(!m.skipped()) == NonFiniteGuard.Verdict.APPLY) {
            return;
        }
        LOG.warn("step {}: loss {} or gradient norm {} is not finite; update skipped ({} in a row)",
                m.step(), m.losses(), m.gradNorm(), guard.inARow());
        trainer.logEvent("skipped", Map.of("loss", String.valueOf(m.loss()), "grad_norm", String.valueOf(m.gradNorm())));
        if (guard.inARow() < limit) {
            return;
        }
        long from = m.step();
        long to = trainer.rollBack(lrFactor);
        guard.reset();
        if (trainer.rollbacks() > MAX_ROLLBACKS) {
            throw new io.mytts.InvalidInputException("training diverged: " + trainer.rollbacks()
                    + " rollbacks after " + limit + " non-finite steps in a row each; lower"
                    + " learning_rate or check the data");
        }
        LOG.warn("{} non-finite steps in a row at step {}: rolled back to step {} with the learning"
                + " rate scaled by {} (now x{})", limit, from, to, lrFactor, trainer.lrScale());
        trainer.logEvent("rollback", Map.of("from_step", from, "to_step", to, "lr_scale", trainer.lrScale()));
    }
}
