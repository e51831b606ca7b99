package io.mytts.model;

import io.mytts.InvalidInputException;
import io.mytts.config.CrossWindow;
import io.mytts.config.ModelConfig;

/**
 * Options of {@link TransformerTTS#greedyGenerateFast}. Steps are decoder steps; each emits
 * {@code reductionFactor} mel frames.
 *
 * <ul>
 *   <li>{@code maxSteps} (600): the longest generation; an item that has not stopped by then is
 *       cut there ({@link GenerationResult#stopped()} is false).</li>
 *   <li>{@code temperature} (1.0): 1.0 feeds each generated frame back unchanged (greedy,
 *       deterministic for a seed). Above 1.0 each fed-back frame gets seeded Gaussian noise of
 *       standard deviation {@code temperature − 1} (in log-mel units), so the output varies
 *       more as it grows. Below 1.0 is refused.</li>
 *   <li>{@code seed} (0): seeds the inference prenet dropout and the temperature noise.</li>
 *   <li>{@code stopThreshold} (0.5): an item stops at the first frame whose stop probability
 *       reaches it (at or above, as the monitor's failure detector counts it); that frame is its last.</li>
 *   <li>{@code minSteps} (0): no item stops before this many steps.</li>
 *   <li>{@code crossWindow}: overrides the model's window ({@code cross_win}, {@code cross_win_tokens}).</li>
 *   <li>{@code inferencePrenetDropout}: overrides the model's {@code inference_prenet_dropout}.</li>
 *   <li>{@code textAwareStop} (false): a stop that respects the text. The attention peak cannot
 *       move backwards: it is the running maximum of each step's argmax, and the cross-attention
 *       of the next step is masked before it (the window, when on, starts at the peak instead of
 *       one token before it; with the window off, everything before the peak is masked). And the
 *       stop cannot fire before that peak has reached the item's
 *       {@link GenerationInput#lastSpokenToken()}.</li>
 * </ul>
 */
public final class GenerationOptions {

    private final int maxSteps;
    private final double temperature;
    private final long seed;
    private final double stopThreshold;
    private final int minSteps;
    private final CrossWindow crossWindow;
    private final Boolean inferencePrenetDropout;
    private final boolean textAwareStop;

    private GenerationOptions(Builder b) {
        maxSteps = b.maxSteps;
        temperature = b.temperature;
        seed = b.seed;
        stopThreshold = b.stopThreshold;
        minSteps = b.minSteps;
        crossWindow = b.crossWindow;
        inferencePrenetDropout = b.inferencePrenetDropout;
        textAwareStop = b.textAwareStop;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults. */
    public static GenerationOptions defaults() {
        return builder().build();
    }

    public int maxSteps() {
        return maxSteps;
    }

    public double temperature() {
        return temperature;
    }

    /** Standard deviation of the noise added to fed-back frames: {@code temperature − 1}. */
    public double noiseStd() {
        return temperature - 1.0;
    }

    public long seed() {
        return seed;
    }

    public double stopThreshold() {
        return stopThreshold;
    }

    public int minSteps() {
        return minSteps;
    }

    /** The window to use with this model: the one set here, else the model's. */
    public CrossWindow crossWindow(ModelConfig config) {
        return crossWindow != null ? crossWindow : config.crossWindow();
    }

    /** Whether the prenet's dropout stays on, for this model. */
    public boolean inferencePrenetDropout(ModelConfig config) {
        return inferencePrenetDropout != null ? inferencePrenetDropout : config.inferencePrenetDropout();
    }

    /** Whether the peak is monotonic and the stop waits for the last spoken token (see the class comment). */
    public boolean textAwareStop() {
        return textAwareStop;
    }

    public static final class Builder {
        private int maxSteps = 600;
        private double temperature = 1.0;
        private long seed = 0;
        private double stopThreshold = 0.5;
        private int minSteps = 0;
        private CrossWindow crossWindow;
        private Boolean inferencePrenetDropout;
        private boolean textAwareStop;

        private Builder() {}

        public Builder optMaxSteps(int v) { maxSteps = v; return this; }
        public Builder optTemperature(double v) { temperature = v; return this; }
        public Builder optSeed(long v) { seed = v; return this; }
        public Builder optStopThreshold(double v) { stopThreshold = v; return this; }
        public Builder optMinSteps(int v) { minSteps = v; return this; }

        /** Cross-attention window share in (0, 1] overriding the model's; null turns it off. */
        public Builder optCrossWin(Double v) {
            crossWindow = CrossWindow.ofShare(v);
            return this;
        }

        /** Cross-attention window overriding the model's; null keeps the model's. */
        public Builder optCrossWindow(CrossWindow v) {
            crossWindow = v;
            return this;
        }

        /** Whether prenet dropout stays on at inference, overriding the model's config. */
        public Builder optInferencePrenetDropout(boolean v) {
            inferencePrenetDropout = v;
            return this;
        }

        /** A monotonic attention peak and no stop before the last spoken token (default off). */
        public Builder optTextAwareStop(boolean v) {
            textAwareStop = v;
            return this;
        }

        /** Validates; throws {@link InvalidInputException} naming the bad option. */
        public GenerationOptions build() {
            if (Double.isNaN(temperature) || temperature < 1.0) {
                throw new InvalidInputException("temperature must be at least 1.0 (1.0 is greedy, above "
                        + "1.0 adds noise), not " + temperature);
            }
            if (Double.isInfinite(temperature)) {
                throw new InvalidInputException("temperature must be finite");
            }
            if (maxSteps < 1) {
                throw new InvalidInputException("max steps must be at least 1, not " + maxSteps);
            }
            if (minSteps < 0 || minSteps > maxSteps) {
                throw new InvalidInputException("min steps must be between 0 and max steps (" + maxSteps
                        + "), not " + minSteps);
            }
            if (!(stopThreshold > 0 && stopThreshold < 1)) {
                throw new InvalidInputException("stop threshold must be between 0 and 1, not " + stopThreshold);
            }
            return new GenerationOptions(this);
        }
    }
}
