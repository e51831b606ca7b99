package io.mytts.train;

import io.mytts.config.TrainConfig;

/**
 * Learning rate as a pure function of the step (1-based: the first update is step 1), so that
 * a resumed run continues on exactly the same curve.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    double at(long step);

    /**
     * Noam (Vaswani et al. 2017), scaled so that the peak {@code peak} is reached at the end of
     * warm-up: {@code peak · min(step / warmup, sqrt(warmup / step))}.
     */
    static LearningRateSchedule noam(double peak, int warmupSteps) {
        int w = Math.max(1, warmupSteps);
        return step -> {
            double s = Math.max(1, step);
            return peak * Math.min(s / w, Math.sqrt(w / s));
        };
    }

    /**
     * Linear warm-up to {@code peak}, then a half cosine down to {@code floor} at
     * {@code maxSteps}, and {@code floor} after.
     */
    static LearningRateSchedule warmupCosine(double peak, double floor, int warmupSteps, int maxSteps) {
        return step -> {
            double s = Math.max(1, step);
            if (s <= warmupSteps) {
                return peak * s / Math.max(1, warmupSteps);
            }
            double span = Math.max(1, maxSteps - warmupSteps);
            double progress = Math.min(1, (s - warmupSteps) / span);
            return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }

    /** The same rate at every step. */
    static LearningRateSchedule constant(double lr) {
        return step -> lr;
    }

    /** The schedule a training config names. */
    static LearningRateSchedule of(TrainConfig c) {
        return switch (c.lrSchedule()) {
            case NOAM -> noam(c.learningRate(), c.warmupSteps());
            case COSINE -> warmupCosine(c.learningRate(), c.minLearningRate(), c.warmupSteps(), c.maxSteps());
            case CONSTANT -> constant(c.learningRate());
        };
    }
}
