package io.mytts.eval;

import java.util.Random;

/** Seeded test signals that STOI and the pitch tracker can be tried on. */
final class SpeechLike {

    private SpeechLike() {}

    /**
     * Syllable-like bursts of a harmonic complex: F0 wandering between 100 and 220 Hz, 12 harmonics
     * with a random spectral tilt per syllable, about four syllables a second, short pauses between
     * them and a half-second pause in the middle.
     */
    static float[] utterance(long seed, int rate, double seconds) {
        return utterance(seed, rate, seconds, 1);
    }

    /** As {@link #utterance(long, int, double)} with every F0 multiplied by {@code pitchFactor}. */
    static float[] utterance(long seed, int rate, double seconds, double pitchFactor) {
        Random r = new Random(seed);
        float[] x = new float[(int) (seconds * rate)];
        double phase = 0;
        double syllableStart = 0.05;
        double syllableLength = 0.15 + 0.1 * r.nextDouble();
        double tilt = 0.5 + 0.4 * r.nextDouble();
        double f0Base = 100 + 120 * r.nextDouble();
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) rate;
            if (t > syllableStart + syllableLength) {
                syllableStart = t + 0.03 + 0.07 * r.nextDouble();
                if (Math.abs(t - seconds / 2) < 0.15) {
                    syllableStart += 0.5;
                }
                syllableLength = 0.15 + 0.1 * r.nextDouble();
                tilt = 0.5 + 0.4 * r.nextDouble();
                f0Base = 100 + 120 * r.nextDouble();
            }
            double u = (t - syllableStart) / syllableLength;
            double envelope = u < 0 || u > 1 ? 0 : Math.pow(Math.sin(Math.PI * u), 2);
            double f0 = pitchFactor * f0Base * (1 + 0.1 * Math.sin(2 * Math.PI * 2 * t));
            phase += 2 * Math.PI * f0 / rate;
            double s = 0;
            double a = 1;
            for (int h = 1; h <= 12; h++) {
                s += a * Math.sin(h * phase);
                a *= tilt;
            }
            x[i] = (float) (0.2 * envelope * s);
        }
        return x;
    }

    /**
     * {@code x} faded out over its last 200 ms and followed by 100 ms of silence, as a recording
     * ends (an utterance cut off mid-syllable makes a time warp match trailing silence with speech).
     */
    static float[] endingInSilence(float[] x, int rate) {
        int fade = rate / 5;
        float[] y = java.util.Arrays.copyOf(x, x.length + rate / 10);
        for (int i = 0; i < fade; i++) {
            y[x.length - fade + i] *= (float) (1 - i / (double) fade);
        }
        return y;
    }

    static float[] plusWhiteNoise(float[] x, double snrDb, long seed) {
        Random r = new Random(seed);
        double power = 0;
        for (float v : x) {
            power += v * v;
        }
        power /= x.length;
        double sigma = Math.sqrt(power / Math.pow(10, snrDb / 10));
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] + sigma * r.nextGaussian());
        }
        return y;
    }

    static float[] scaled(float[] x, double gain) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (gain * x[i]);
        }
        return y;
    }

    /** {@code x} delayed by {@code samples} (zeros in front), cut to its length. */
    static float[] delayed(float[] x, int samples) {
        float[] y = new float[x.length];
        System.arraycopy(x, 0, y, samples, x.length - samples);
        return y;
    }
}
