package io.mytts.eval;

import io.mytts.audio.AudioClip;
import io.mytts.audio.MelSpectrogram;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames a {@link SpeakerIdentifier} compares: mel cepstral coefficients 1..24 of the
 * project's log-mel spectrogram (the same cepstra {@link MelCepstralDistortion} takes, so MFCCs in
 * the real-cepstrum scale) followed by their deltas, for the frames with speech in them.
 *
 * <p>c0 is left out: a gain multiplies every mel band alike, which moves c0 only, so dropping it
 * makes the features independent of the recording level. No cepstral mean is subtracted: the mean
 * cepstrum is the long-term spectral envelope, which is most of what tells the speakers apart, and
 * every recording here goes through the same channel (a synthesizer or a teacher voice at one
 * rate), so there is no channel for mean subtraction to remove.
 *
 * <p>Speech frames: those whose energy (the sum of the squared mel magnitudes) is within
 * {@value #SPEECH_RANGE_DB} dB of the loudest frame of the recording, a threshold relative to the
 * recording itself and so also independent of its level. Deltas are the usual regression over
 * {@value #DELTA_WIDTH} frames either side (edges repeated), taken before silent frames are dropped
 * so that each delta sees its true neighbours.
 */
final class SpeakerFeatures {

    /** Frames more than this far below the loudest one count as silence. */
    static final double SPEECH_RANGE_DB = 30;
    /** Frames either side of the delta regression. */
    static final int DELTA_WIDTH = 2;

    private SpeakerFeatures() {}

    /** The speech frames of a clip (resampled to the mel's rate first), cepstra then deltas; none for silence. */
    static double[][] of(AudioClip clip, MelSpectrogram mel) {
        float[][] logMel = mel.compute(clip);
        if (logMel.length == 0) {
            return new double[0][];
        }
        double[][] cepstra = MelCepstralDistortion.cepstra(logMel);
        double[][] deltas = deltas(cepstra);
        double[] energyDb = energyDb(logMel);
        double loudest = Double.NEGATIVE_INFINITY;
        for (double e : energyDb) {
            loudest = Math.max(loudest, e);
        }
        int d = cepstra[0].length;
        List<double[]> frames = new ArrayList<>();
        for (int t = 0; t < logMel.length; t++) {
            if (energyDb[t] >= loudest - SPEECH_RANGE_DB) {
                double[] f = new double[2 * d];
                System.arraycopy(cepstra[t], 0, f, 0, d);
                System.arraycopy(deltas[t], 0, f, d, d);
                frames.add(f);
            }
        }
        return frames.toArray(new double[0][]);
    }

    /** The number of values per frame for a mel of this many bands. */
    static int dimensions(int bands) {
        return 2 * Math.min(MelCepstralDistortion.COEFFICIENTS, bands - 1);
    }

    /** Per frame, 10 log10 of the summed squared mel magnitudes (the log-mel is the natural log of magnitudes). */
    private static double[] energyDb(float[][] logMel) {
        double[] e = new double[logMel.length];
        for (int t = 0; t < logMel.length; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : logMel[t]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : logMel[t]) {
                sum += Math.exp(2 * (v - max));
            }
            e[t] = 10 / Math.log(10) * (2 * max + Math.log(sum));
        }
        return e;
    }

    /** Regression deltas: sum_k k (c[t+k] - c[t-k]) / (2 sum_k k^2), k = 1..{@value #DELTA_WIDTH}. */
    static double[][] deltas(double[][] c) {
        int n = c.length;
        double norm = 0;
        for (int k = 1; k <= DELTA_WIDTH; k++) {
            norm += 2 * k * k;
        }
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] row = new double[c[t].length];
            for (int k = 1; k <= DELTA_WIDTH; k++) {
                double[] next = c[Math.min(n - 1, t + k)];
                double[] prev = c[Math.max(0, t - k)];
                for (int i = 0; i < row.length; i++) {
                    row[i] += k * (next[i] - prev[i]);
                }
            }
            for (int i = 0; i < row.length; i++) {
                row[i] /= norm;
            }
            out[t] = row;
        }
        return out;
    }
}
