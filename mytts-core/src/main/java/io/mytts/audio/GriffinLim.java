package io.mytts.audio;

import io.mytts.config.AudioConfig;
import java.util.Random;

/**
 * The fast Griffin-Lim algorithm (Perraudin, Balazs and Søndergaard, 2013): phase retrieval from
 * a magnitude spectrogram by alternating projections with momentum. Each iteration makes the
 * spectrogram consistent (STFT of its inverse STFT), imposes the target magnitude, and
 * extrapolates by {@code momentum} times the change since the previous iteration.
 *
 * <p>As a {@link Vocoder} it first turns the log-mel back into linear magnitudes (see
 * {@link MelInverse}) and raises them to {@code power}, keeping each frame's energy (values
 * above 1 sharpen harmonics against the typical Griffin-Lim hiss). The initial phase is random with a seed, so the same
 * input and seed give the same audio.
 */
public final class GriffinLim implements Vocoder {

    private final AudioConfig config;
    private final int iterations;
    private final double momentum;
    private final double power;
    private final long seed;
    private final Stft stft;
    private final MelInverse melInverse;

    private GriffinLim(Builder b) {
        this.config = b.config;
        this.iterations = b.iterations;
        this.momentum = b.momentum;
        this.power = b.power;
        this.seed = b.seed;
        this.stft = new Stft(config);
        this.melInverse = new MelInverse(MelFilterBank.of(config), b.nnlsIterations);
    }

    /** Griffin-Lim with the reference audio convention and default options. */
    public static GriffinLim create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int sampleRate() {
        return config.sampleRate();
    }

    public int iterations() {
        return iterations;
    }

    public AudioConfig config() {
        return config;
    }

    @Override
    public float[] synthesize(float[][] logMel) {
        return reconstruct(melToLinear(logMel));
    }

    /** Linear STFT magnitudes (frames x nFreqs) estimated from a log-mel, with the power applied. */
    public float[][] melToLinear(float[][] logMel) {
        float[][] linear = melInverse.toLinear(logMel);
        if (power != 1.0) {
            for (float[] row : linear) {
                sharpen(row, power);
            }
        }
        return linear;
    }

    /** Raises a frame's magnitudes to {@code power}, rescaled to keep the frame's energy (so loudness is kept). */
    static void sharpen(float[] row, double power) {
        double before = 0;
        double after = 0;
        for (int k = 0; k < row.length; k++) {
            before += (double) row[k] * row[k];
            row[k] = (float) Math.pow(row[k], power);
            after += (double) row[k] * row[k];
        }
        if (after > 0) {
            float scale = (float) Math.sqrt(before / after);
            for (int k = 0; k < row.length; k++) {
                row[k] *= scale;
            }
        }
    }

    /** Audio whose STFT magnitude approximates {@code magnitude} (frames x nFreqs); frames·hop samples long. */
    public float[] reconstruct(float[][] magnitude) {
        int frames = magnitude.length;
        int length = stft.lengthForFrames(frames);
        if (frames == 0) {
            return new float[0];
        }
        int bins = stft.bins();
        for (int t = 0; t < frames; t++) {
            if (magnitude[t].length != bins) {
                throw new IllegalArgumentException("frame " + t + " has " + magnitude[t].length + " bins, expected " + bins);
            }
        }
        // c: the extrapolated estimate fed to the next projection; prev: the last projected estimate.
        float[][] cRe = new float[frames][bins];
        float[][] cIm = new float[frames][bins];
        float[][] prevRe = new float[frames][bins];
        float[][] prevIm = new float[frames][bins];
        Random rnd = new Random(seed);
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                double phase = 2 * Math.PI * rnd.nextDouble();
                cRe[t][k] = (float) (magnitude[t][k] * Math.cos(phase));
                cIm[t][k] = (float) (magnitude[t][k] * Math.sin(phase));
            }
        }
        float[][] tRe = new float[frames][bins];
        float[][] tIm = new float[frames][bins];
        for (int it = 0; it < iterations; it++) {
            float[] signal = stft.inverse(cRe, cIm, length);
            boolean first = it == 0;
            stft.forEachFrame(signal, (t, re, im) -> {
                float[] mag = magnitude[t];
                for (int k = 0; k < bins; k++) {
                    double abs = Math.hypot(re[k], im[k]);
                    double nr = abs > 1e-12 ? mag[k] * re[k] / abs : mag[k];
                    double ni = abs > 1e-12 ? mag[k] * im[k] / abs : 0;
                    tRe[t][k] = (float) nr;
                    tIm[t][k] = (float) ni;
                    double a = first ? 0 : momentum; // no previous projection before the first
                    cRe[t][k] = (float) (nr + a * (nr - prevRe[t][k]));
                    cIm[t][k] = (float) (ni + a * (ni - prevIm[t][k]));
                    prevRe[t][k] = (float) nr;
                    prevIm[t][k] = (float) ni;
                }
            });
        }
        return iterations == 0 ? stft.inverse(cRe, cIm, length) : stft.inverse(tRe, tIm, length);
    }

    /** ||estimate − target||_F / ||target||_F over the frames both have (lower is better; 0 is exact). */
    public static double spectralConvergence(float[][] target, float[][] estimate) {
        int frames = Math.min(target.length, estimate.length);
        double diff = 0;
        double energy = 0;
        for (int t = 0; t < frames; t++) {
            int bins = Math.min(target[t].length, estimate[t].length);
            for (int k = 0; k < bins; k++) {
                double d = estimate[t][k] - target[t][k];
                diff += d * d;
                energy += (double) target[t][k] * target[t][k];
            }
        }
        return energy == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(diff / energy);
    }

    /** Spectral convergence of the STFT magnitude of {@code audio} against {@code targetMagnitude}. */
    public double spectralConvergence(float[][] targetMagnitude, float[] audio) {
        return spectralConvergence(targetMagnitude, stft.forward(audio).magnitude(0));
    }

    /** Options; all have defaults (the reference audio config, 32 iterations, momentum 0.99, power 1). */
    public static final class Builder {
        private AudioConfig config = AudioConfig.DEFAULT;
        private int iterations = 32;
        private double momentum = 0.99;
        private double power = 1.0;
        private long seed = 0;
        private int nnlsIterations = 30;

        private Builder() {}

        public Builder optAudioConfig(AudioConfig config) {
            this.config = java.util.Objects.requireNonNull(config, "config");
            return this;
        }

        /** Number of projection iterations (default 32). */
        public Builder optIterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /** Momentum α of fast Griffin-Lim in [0, 1] (default 0.99; 0 is the classic algorithm). */
        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Exponent applied to the linear magnitudes from the mel, frame energy kept (default 1; 1.2–1.5 sharpens). */
        public Builder optPower(double power) {
            this.power = power;
            return this;
        }

        /** Seed of the random initial phase (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Multiplicative NNLS refinements of the mel-to-linear estimate (default 30; 0: clamped pseudo-inverse). */
        public Builder optMelInverseIterations(int iterations) {
            this.nnlsIterations = iterations;
            return this;
        }

        public GriffinLim build() {
            if (iterations < 0) {
                throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
            }
            if (!(momentum >= 0 && momentum <= 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
            }
            if (!(power > 0) || Double.isInfinite(power)) {
                throw new IllegalArgumentException("power must be positive, got " + power);
            }
            if (nnlsIterations < 0) {
                throw new IllegalArgumentException("mel inverse iterations must be >= 0, got " + nnlsIterations);
            }
            return new GriffinLim(this);
        }
    }
}
