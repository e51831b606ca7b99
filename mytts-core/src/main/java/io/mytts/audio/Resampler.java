package io.mytts.audio;

import java.util.stream.IntStream;

/**
 * Band-limited sample-rate conversion: a polyphase windowed-sinc filter (Kaiser window).
 *
 * <p>The rate ratio is reduced to L/M (output/input). Output sample n sits at input position
 * n·M/L; its value is the input convolved with a low-pass sinc centred there. The sinc's cutoff is
 * just below the lower of the two Nyquist frequencies, so downsampling removes what would alias,
 * and the Kaiser window (β = 8, 32 zero crossings each side) gives a stopband of about 80 dB with
 * the passband flat to about 84% of that Nyquist. The L phases of the filter are tabulated once
 * per call (when the table is small enough); each phase is normalised to unit DC gain.
 */
public final class Resampler {

    /** Zero crossings of the sinc on each side of the centre (at the lower rate). */
    private static final int ZERO_CROSSINGS = 32;
    /** Cutoff as a fraction of the lower Nyquist frequency; the transition band ends at Nyquist. */
    private static final double ROLLOFF = 0.92;
    private static final double KAISER_BETA = 8.0;
    /** Above this many table entries the taps are computed per output sample instead. */
    private static final long MAX_TABLE = 1 << 22;
    private static final int CHUNK = 1 << 15;

    private Resampler() {}

    /** The samples at {@code toRate}; the output has ceil(n·toRate/fromRate) samples. */
    public static float[] resample(float[] in, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, got " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate) {
            return in.clone();
        }
        int g = gcd(fromRate, toRate);
        Plan plan = new Plan(toRate / g, fromRate / g);
        long outLen = ((long) in.length * plan.up + plan.down - 1) / plan.down;
        if (outLen > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled audio too long: " + outLen + " samples");
        }
        float[] out = new float[(int) outLen];
        int chunks = (out.length + CHUNK - 1) / CHUNK;
        IntStream range = IntStream.range(0, chunks);
        (chunks > 2 ? range.parallel() : range).forEach(c ->
                plan.run(in, out, c * CHUNK, Math.min(out.length, (c + 1) * CHUNK)));
        return out;
    }

    /** The filter for one ratio up/down: taps for each of the {@code up} phases. */
    private static final class Plan {
        final int up;
        final int down;
        final double cutoff; // fraction of the input Nyquist
        final double halfWidth; // in input samples
        final int taps; // per phase: input samples base-K+1 .. base+K
        final int k;
        final float[][] table; // null when computed on the fly

        Plan(int up, int down) {
            this.up = up;
            this.down = down;
            this.cutoff = ROLLOFF * Math.min(1.0, up / (double) down);
            this.halfWidth = ZERO_CROSSINGS / cutoff;
            this.k = (int) Math.ceil(halfWidth);
            this.taps = 2 * k;
            if ((long) up * taps <= MAX_TABLE) {
                table = new float[up][];
                for (int p = 0; p < up; p++) {
                    table[p] = phaseTaps(p);
                }
            } else {
                table = null;
            }
        }

        /** Taps for output positions at fraction p/up past an input sample, normalised to sum 1. */
        float[] phaseTaps(int p) {
            double frac = p / (double) up;
            double[] h = new double[taps];
            double sum = 0;
            for (int i = 0; i < taps; i++) {
                double x = (i - k + 1) - frac; // input sample (base + i - k + 1) minus the output position
                h[i] = kernel(x);
                sum += h[i];
            }
            float[] f = new float[taps];
            for (int i = 0; i < taps; i++) {
                f[i] = (float) (h[i] / sum);
            }
            return f;
        }

        double kernel(double x) {
            double r = x / halfWidth;
            if (r <= -1 || r >= 1) {
                return 0;
            }
            double u = cutoff * x;
            double sinc = Math.abs(u) < 1e-12 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
            return cutoff * sinc * bessel0(KAISER_BETA * Math.sqrt(1 - r * r)) / BESSEL0_BETA;
        }

        void run(float[] in, float[] out, int from, int to) {
            for (int n = from; n < to; n++) {
                long pos = (long) n * down;
                int base = (int) (pos / up);
                int phase = (int) (pos % up);
                float[] h = table != null ? table[phase] : phaseTaps(phase);
                int start = base - k + 1;
                int i0 = Math.max(0, -start);
                int i1 = Math.min(taps, in.length - start);
                float acc = 0;
                for (int i = i0; i < i1; i++) {
                    acc += h[i] * in[start + i];
                }
                out[n] = acc;
            }
        }
    }

    private static final double BESSEL0_BETA = bessel0(KAISER_BETA);

    /** Modified Bessel function of the first kind, order 0 (power series; converges fast for x < 30). */
    static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int m = 1; m < 200; m++) {
            term *= q / ((double) m * m);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
