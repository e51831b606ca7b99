package io.mytts.audio;

import io.mytts.config.AudioConfig;

/**
 * Triangular mel filters on the Slaney mel scale with Slaney area normalisation (librosa's
 * default, {@code htk=False, norm='slaney'}): linear below 1 kHz (200/3 Hz per mel), logarithmic
 * above (27 mels per factor 6.4), each filter scaled by 2 / (its width in Hz).
 *
 * <p>Each filter is non-zero over a short run of FFT bins, so applying the bank touches only
 * those runs.
 */
public final class MelFilterBank {

    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private final float[][] weights; // nMels x nFreqs
    private final int[] first; // first non-zero bin of each filter
    private final int[] last; // one past the last non-zero bin

    public MelFilterBank(int sampleRate, int nFft, int nMels, double fMin, double fMax) {
        if (nMels < 1 || nFft < 2 || !(fMin >= 0) || !(fMax > fMin) || fMax > sampleRate / 2.0) {
            throw new IllegalArgumentException("bad mel settings: n_mels " + nMels + ", n_fft " + nFft
                    + ", f_min " + fMin + ", f_max " + fMax + ", sample rate " + sampleRate);
        }
        int nFreqs = nFft / 2 + 1;
        double[] melHz = new double[nMels + 2];
        double lo = hzToMel(fMin);
        double hi = hzToMel(fMax);
        for (int i = 0; i < melHz.length; i++) {
            melHz[i] = melToHz(lo + (hi - lo) * i / (nMels + 1));
        }
        weights = new float[nMels][nFreqs];
        first = new int[nMels];
        last = new int[nMels];
        for (int m = 0; m < nMels; m++) {
            double left = melHz[m];
            double centre = melHz[m + 1];
            double right = melHz[m + 2];
            double areaNorm = 2.0 / (right - left);
            first[m] = nFreqs;
            for (int k = 0; k < nFreqs; k++) {
                double f = k * (double) sampleRate / nFft;
                double rising = (f - left) / (centre - left);
                double falling = (right - f) / (right - centre);
                double w = Math.max(0, Math.min(rising, falling)) * areaNorm;
                weights[m][k] = (float) w;
                if (w > 0) {
                    first[m] = Math.min(first[m], k);
                    last[m] = k + 1;
                }
            }
            if (last[m] == 0) {
                first[m] = 0; // an empty filter (too many mels for the FFT size): applies as zero
            }
        }
    }

    /** The bank of {@code config}: its sample rate, FFT size, mel count and frequency range. */
    public static MelFilterBank of(AudioConfig config) {
        return new MelFilterBank(config.sampleRate(), config.nFft(), config.nMels(), config.fMin(), config.fMax());
    }

    /** Slaney mel of a frequency in Hz. */
    public static double hzToMel(double hz) {
        return hz < MIN_LOG_HZ ? hz / F_SP : MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
    }

    /** Frequency in Hz of a Slaney mel. */
    public static double melToHz(double mel) {
        return mel < MIN_LOG_MEL ? mel * F_SP : MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
    }

    public int nMels() {
        return weights.length;
    }

    public int nFreqs() {
        return weights[0].length;
    }

    /** A copy of the weights, nMels x nFreqs (the layout of librosa.filters.mel). */
    public float[][] weights() {
        float[][] copy = new float[weights.length][];
        for (int m = 0; m < weights.length; m++) {
            copy[m] = weights[m].clone();
        }
        return copy;
    }

    /** Mel energies of one magnitude frame: out[m] = Σ_k w[m][k]·mag[k]. */
    public void apply(double[] magnitude, float[] out) {
        for (int m = 0; m < weights.length; m++) {
            float[] w = weights[m];
            double sum = 0;
            for (int k = first[m]; k < last[m]; k++) {
                sum += w[k] * magnitude[k];
            }
            out[m] = (float) sum;
        }
    }

    /** Mel energies of one magnitude frame. */
    public float[] apply(float[] magnitude) {
        double[] d = new double[magnitude.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = magnitude[k];
        }
        float[] out = new float[weights.length];
        apply(d, out);
        return out;
    }

    /** First non-zero bin of filter m (package use: sparse products). */
    int firstBin(int m) {
        return first[m];
    }

    /** One past the last non-zero bin of filter m. */
    int endBin(int m) {
        return last[m];
    }

    /** Weight of filter m at bin k, without copying. */
    float weight(int m, int k) {
        return weights[m][k];
    }
}
