package io.mytts.eval;

import io.mytts.audio.AudioClip;
import java.util.Random;

/**
 * A made-up speaker for identification tests: a harmonic voice source whose harmonics are weighted
 * by a fixed spectral envelope (three formant peaks), in syllables whose F0 wanders in the speaker's
 * range and whose formants move a little (as phones do), with pauses and a faint noise floor.
 *
 * @param formants the three formant frequencies, Hz
 * @param f0 the centre of the pitch range, Hz
 */
record SyntheticSpeaker(double[] formants, double f0) {

    static final SyntheticSpeaker LOW = new SyntheticSpeaker(new double[] {350, 1900, 2900}, 110);
    static final SyntheticSpeaker OPEN = new SyntheticSpeaker(new double[] {750, 1250, 2600}, 120);
    static final SyntheticSpeaker BRIGHT = new SyntheticSpeaker(new double[] {550, 2400, 3600}, 200);

    /** About {@code seconds} of speech at {@code rate}, a different utterance for each seed. */
    AudioClip utterance(long seed, int rate, double seconds) {
        Random r = new Random(seed);
        float[] x = new float[(int) (seconds * rate)];
        double phase = 0;
        double start = 0.1;
        double length = 0.2;
        double[] shift = new double[3];
        double pitch = f0;
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) rate;
            if (t > start + length) {
                start = t + 0.05 + 0.1 * r.nextDouble();
                length = 0.15 + 0.15 * r.nextDouble();
                for (int k = 0; k < 3; k++) {
                    shift[k] = 1 + 0.08 * (2 * r.nextDouble() - 1);
                }
                pitch = f0 * (0.85 + 0.3 * r.nextDouble());
            }
            double u = (t - start) / length;
            double envelope = u < 0 || u > 1 ? 0 : Math.pow(Math.sin(Math.PI * u), 2);
            phase += 2 * Math.PI * pitch / rate;
            double s = 0;
            if (envelope > 0) {
                for (int h = 1; h * pitch < Math.min(7800, rate / 2.0); h++) {
                    s += gain(h * pitch, shift) * Math.sin(h * phase);
                }
            }
            x[i] = (float) (0.05 * envelope * s + 1e-4 * r.nextGaussian());
        }
        return new AudioClip(x, rate);
    }

    /** The envelope: three Gaussian peaks (bandwidth a tenth of the formant plus 60 Hz) over a small floor. */
    private double gain(double f, double[] shift) {
        double g = 0.02;
        for (int k = 0; k < 3; k++) {
            double centre = formants[k] * shift[k];
            double bandwidth = 0.1 * centre + 60;
            g += Math.exp(-0.5 * Math.pow((f - centre) / bandwidth, 2)) / (k + 1);
        }
        return g;
    }
}
