package io.mytts.align;

/**
 * Thresholds of {@link Alignments#detectFailures}. Build with {@link #builder()}; every value has a
 * default suited to mel frames of about 11.6 ms (hop 256 at 22,050 Hz).
 *
 * @param stopThreshold a stop probability at or above this ends decoding (default 0.5)
 * @param stuckSteps more consecutive steps than this on one token is "stuck" (default 50, about
 *     0.6 s: longer than any phoneme or character is held)
 * @param minBacktrack a return to a token after being this many tokens further on is a repeat
 *     (default 2)
 * @param skipMass a token never on the argmax path is skipped when its total attention is below
 *     this many frames' worth (default 0.5)
 * @param minDwell consecutive steps on a position before the repeat test counts it as reached
 *     (default 1)
 */
public record FailureCriteria(double stopThreshold, int stuckSteps, int minBacktrack, double skipMass, int minDwell) {

    private static final FailureCriteria DEFAULTS = builder().build();

    public static FailureCriteria defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link FailureCriteria}; all settings are optional. */
    public static final class Builder {
        private double stopThreshold = 0.5;
        private int stuckSteps = 50;
        private int minBacktrack = 2;
        private double skipMass = 0.5;
        private int minDwell = 1;

        private Builder() {}

        public Builder optStopThreshold(double stopThreshold) {
            this.stopThreshold = stopThreshold;
            return this;
        }

        public Builder optStuckSteps(int stuckSteps) {
            this.stuckSteps = stuckSteps;
            return this;
        }

        public Builder optMinBacktrack(int minBacktrack) {
            this.minBacktrack = minBacktrack;
            return this;
        }

        public Builder optSkipMass(double skipMass) {
            this.skipMass = skipMass;
            return this;
        }

        /**
         * Consecutive steps the path must stay on a position before it counts as reached for the
         * repeat test (default 1); 2 ignores a one-step flicker onto the next word at a boundary.
         */
        public Builder optMinDwell(int minDwell) {
            this.minDwell = minDwell;
            return this;
        }

        public FailureCriteria build() {
            if (!(stopThreshold > 0 && stopThreshold <= 1)) {
                throw new IllegalArgumentException("stopThreshold must be in (0, 1], not " + stopThreshold);
            }
            if (stuckSteps < 1) {
                throw new IllegalArgumentException("stuckSteps must be at least 1, not " + stuckSteps);
            }
            if (minBacktrack < 1) {
                throw new IllegalArgumentException("minBacktrack must be at least 1, not " + minBacktrack);
            }
            if (!(skipMass >= 0)) {
                throw new IllegalArgumentException("skipMass must be 0 or more, not " + skipMass);
            }
            if (minDwell < 1) {
                throw new IllegalArgumentException("minDwell must be at least 1, not " + minDwell);
            }
            return new FailureCriteria(stopThreshold, stuckSteps, minBacktrack, skipMass, minDwell);
        }
    }
}
