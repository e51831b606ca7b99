package io.mytts.eval;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;

/**
 * YIN fundamental frequency estimator (de Cheveigné and Kawahara, "YIN, a fundamental frequency
 * estimator for speech and music", JASA 111(4), 2002), frame by frame.
 *
 * <p>For each frame the steps of the paper: (2) the difference function
 * d(τ) = Σ_{j<W} (x_j − x_{j+τ})² over an integration window of W = one longest period;
 * (3) the cumulative mean normalised difference d'(τ) = d(τ)·τ / Σ_{k=1..τ} d(k), d'(0) = 1;
 * (4) the absolute threshold: the first τ in [rate/fmax, rate/fmin] where d' dips below the threshold,
 * followed down to its local minimum (with no dip, the global minimum, and the frame is unvoiced);
 * (5) parabolic interpolation of the raw difference function around that τ (the paper's choice, as
 * interpolating d' is biased); (6, optional) best local estimate: when a neighbouring frame found a
 * deeper minimum, the search is repeated within ±20% of that frame's period. The paper looks for
 * the best estimate within a window of one longest period around each sample; at a hop of a
 * quarter of that window or more, the frame's neighbours stand in for it.
 *
 * <p>Voicing: a frame is voiced when its d' minimum is below the threshold and its RMS is above a
 * silence floor (which keeps digital silence and a near-silent hum out). Unvoiced frames have F0 0.
 *
 * <p>Defaults suit speech at the project's rate: 22050 Hz, hop 256 (one F0 per mel frame), 60–600 Hz,
 * threshold 0.15 (the paper uses 0.1 for the period choice; 0.15 keeps fewer voiced frames of
 * speech out), silence floor −60 dBFS.
 */
public final class Yin {

    private final int sampleRate;
    private final int hop;
    private final double fmin;
    private final double fmax;
    private final double threshold;
    private final boolean bestLocalEstimate;
    private final double silenceRms;
    private final int minLag;
    private final int maxLag;
    private final int window;

    private Yin(Builder b) {
        this.sampleRate = b.sampleRate;
        this.hop = b.hop;
        this.fmin = b.fmin;
        this.fmax = b.fmax;
        this.threshold = b.threshold;
        this.bestLocalEstimate = b.bestLocalEstimate;
        this.silenceRms = Math.pow(10, b.silenceDb / 20);
        this.minLag = Math.max(2, (int) Math.floor(sampleRate / fmax));
        this.maxLag = (int) Math.ceil(sampleRate / fmin);
        this.window = maxLag;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int hop() {
        return hop;
    }

    /** Frames for a signal of {@code length} samples: length / hop, as many as its mel frames. */
    public int frameCount(int length) {
        return length / hop;
    }

    /** The track of a clip at this tracker's sample rate (resample it first otherwise). */
    public PitchTrack track(AudioClip clip) {
        if (clip.sampleRate() != sampleRate) {
            throw new InvalidInputException("the pitch tracker was built for " + sampleRate + " Hz audio, got "
                    + clip.sampleRate() + " Hz; resample it (AudioClip.resampledTo) or build a tracker for that rate");
        }
        return track(clip.samples());
    }

    /** The track of samples at this tracker's sample rate. */
    public PitchTrack track(float[] x) {
        int frames = frameCount(x.length);
        double[] f0 = new double[frames];
        double[] periodicity = new double[frames];
        double[][] normalised = new double[frames][];
        double[][] raw = new double[frames][];
        int[] lag = new int[frames];
        boolean[] loud = new boolean[frames];
        for (int t = 0; t < frames; t++) {
            int start = (int) ((t + 0.5) * hop) - (window + maxLag) / 2;
            raw[t] = difference(x, start);
            normalised[t] = cumulativeMeanNormalised(raw[t]);
            lag[t] = chooseLag(normalised[t], minLag, maxLag);
            loud[t] = rms(x, start, window + maxLag) > silenceRms;
        }
        if (bestLocalEstimate) {
            int[] improved = lag.clone();
            for (int t = 0; t < frames; t++) {
                for (int u = Math.max(0, t - 1); u <= Math.min(frames - 1, t + 1); u++) {
                    if (normalised[u][lag[u]] < normalised[t][improved[t]]) {
                        int lo = Math.max(minLag, (int) Math.floor(0.8 * lag[u]));
                        int hi = Math.min(maxLag, (int) Math.ceil(1.2 * lag[u]));
                        improved[t] = chooseLag(normalised[t], lo, hi);
                    }
                }
            }
            lag = improved;
        }
        for (int t = 0; t < frames; t++) {
            double dip = normalised[t][lag[t]];
            periodicity[t] = Math.max(0, Math.min(1, 1 - dip));
            if (loud[t] && dip < threshold) {
                f0[t] = sampleRate / refine(raw[t], lag[t]);
            }
        }
        return new PitchTrack(f0, periodicity, hop, sampleRate);
    }

    /** d(τ) for τ = 0..maxLag + 1 over the window starting at {@code start}; samples outside x count as 0. */
    double[] difference(float[] x, int start) {
        double[] frame = new double[window + maxLag + 1]; // a copy, so that the inner loop needs no bounds tests
        int from = Math.max(0, start);
        int to = Math.min(x.length, start + frame.length);
        for (int i = from; i < to; i++) {
            frame[i - start] = x[i];
        }
        double[] d = new double[maxLag + 2];
        for (int tau = 1; tau < d.length; tau++) {
            double s = 0;
            for (int j = 0; j < window; j++) {
                double e = frame[j] - frame[j + tau];
                s += e * e;
            }
            d[tau] = s;
        }
        return d;
    }

    private static double sample(float[] x, int i) {
        return i < 0 || i >= x.length ? 0 : x[i];
    }

    /** d'(τ) = d(τ)·τ / Σ_{k≤τ} d(k), with d'(0) = 1 and 1 wherever the running sum is still 0. */
    static double[] cumulativeMeanNormalised(double[] d) {
        double[] out = new double[d.length];
        out[0] = 1;
        double sum = 0;
        for (int tau = 1; tau < d.length; tau++) {
            sum += d[tau];
            out[tau] = sum > 0 ? d[tau] * tau / sum : 1;
        }
        return out;
    }

    /** Step 4: the first dip below the threshold in [lo, hi], followed to its minimum; else the global minimum. */
    int chooseLag(double[] dPrime, int lo, int hi) {
        for (int tau = lo; tau <= hi; tau++) {
            if (dPrime[tau] < threshold) {
                while (tau + 1 <= hi && dPrime[tau + 1] < dPrime[tau]) {
                    tau++;
                }
                return tau;
            }
        }
        int best = lo;
        for (int tau = lo + 1; tau <= hi; tau++) {
            if (dPrime[tau] < dPrime[best]) {
                best = tau;
            }
        }
        return best;
    }

    /** Step 5: the vertex of the parabola through d at τ − 1, τ, τ + 1 (τ itself when it is not a minimum). */
    static double refine(double[] d, int tau) {
        double a = d[tau - 1];
        double b = d[tau];
        double c = d[tau + 1];
        double curvature = a - 2 * b + c;
        if (curvature <= 0) {
            return tau;
        }
        double shift = 0.5 * (a - c) / curvature;
        return tau + Math.max(-1, Math.min(1, shift));
    }

    private static double rms(float[] x, int start, int length) {
        double s = 0;
        for (int i = start; i < start + length; i++) {
            double v = sample(x, i);
            s += v * v;
        }
        return Math.sqrt(s / length);
    }

    /** Sample rate is required; the rest has speech defaults. */
    public static final class Builder {
        private int sampleRate;
        private int hop = 256;
        private double fmin = 60;
        private double fmax = 600;
        private double threshold = 0.15;
        private boolean bestLocalEstimate;
        private double silenceDb = -60;

        private Builder() {}

        public Builder setSampleRate(int sampleRate) {
            this.sampleRate = sampleRate;
            return this;
        }

        /** Samples between frames (default 256, the mel hop at 22050 Hz). */
        public Builder optHop(int hop) {
            this.hop = hop;
            return this;
        }

        /** Lowest F0 searched, Hz (default 60); it sets the window: one period at fmin. */
        public Builder optFmin(double fmin) {
            this.fmin = fmin;
            return this;
        }

        /** Highest F0 searched, Hz (default 600). */
        public Builder optFmax(double fmax) {
            this.fmax = fmax;
            return this;
        }

        /** The absolute threshold on d' (default 0.15): the period choice and the voicing decision. */
        public Builder optThreshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** Whether to run step 6, the best local estimate (default off). */
        public Builder optBestLocalEstimate(boolean on) {
            this.bestLocalEstimate = on;
            return this;
        }

        /** Frames quieter than this RMS, dB re full scale, are unvoiced (default −60). */
        public Builder optSilenceDb(double db) {
            this.silenceDb = db;
            return this;
        }

        public Yin build() {
            if (sampleRate <= 0) {
                throw new InvalidInputException("the pitch tracker needs a positive sample rate (setSampleRate), got "
                        + sampleRate);
            }
            if (hop < 1) {
                throw new InvalidInputException("the pitch tracker's hop must be at least 1 sample, got " + hop);
            }
            if (!(fmin > 0) || !(fmax > fmin) || fmax >= sampleRate / 4.0) {
                throw new InvalidInputException("the pitch range must satisfy 0 < fmin < fmax < sample rate / 4, got "
                        + fmin + " to " + fmax + " Hz at " + sampleRate + " Hz");
            }
            if (!(threshold > 0) || threshold >= 1) {
                throw new InvalidInputException("the YIN threshold must be in (0, 1), got " + threshold);
            }
            return new Yin(this);
        }
    }
}
