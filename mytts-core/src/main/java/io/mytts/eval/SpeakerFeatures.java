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
 * <p>The log floor of the mel spectrogram is absolute (1e-5), so where it cuts into the quiet bands
 * would depend on the level; the features are taken with a floor relative to the recording instead:
 * every mel value is raised to at least {@value #DYNAMIC_RANGE_DB} dB below the recording's loudest
 * one, which is above the absolute floor at any ordinary level.
 *
 * <p>Speech frames: those whose energy (the sum of the squared mel magnitudes) is within
 * {@value #SPEECH_RANGE_DB} dB of the loudest frame of the recording, a threshold relative to the
 * recording itself and so also independent of its level. Deltas are the usual regression over
 * {@value #DELTA_WIDTH} frames either side (edges repeated), taken before silent frames are dropped
 * so that each delta sees its true neighbours. A recording whose loudest mel value is less than
 * {@value #SILENCE_DB} dB above the absolute floor has no speech frame at all.
 */
final class SpeakerFeatures {

    /** Frames more than this far below the loudest one count as silence. */
    static final double SPEECH_RANGE_DB = 30;
    /** Frames either side of the delta regression. */
    static final int DELTA_WIDTH = 2;
    /** Mel values are floored this far below the recording's loudest one. */
    static final double DYNAMIC_RANGE_DB = 60;
    /** A recording whose loudest mel value is not this far above the absolute floor is silent. */
    static final double SILENCE_DB = 40;
    private static final double NATS_PER_DB = Math.log(10) / 20; // the log-mel is ln of magnitudes

    private SpeakerFeatures() {}

    /** The speech frames of a clip (resampled to the mel's rate first), cepstra then deltas; none for silence. */
    static double[][] of(AudioClip clip, MelSpectrogram mel) {
        float[][] logMel = mel.compute(clip);
        double peak = Double.NEGATIVE_INFINITY;
        for (float[] frame : logMel) {
            for (float v : frame) {
                peak = Math.max(peak, v);
            }
        }
        if (logMel.length == 0 || !(peak >= Math.log(mel.config().logFloor()) + SILENCE_DB * NATS_PER_DB)) {
            return new double[0][];
        }
        float floor = (float) (peak - DYNAMIC_RANGE_DB * NATS_PER_DB);
        for (float[] frame : logMel) {
            for (int n = 0; n < frame.length; n++) {
                frame[n] = Math.max(frame[n], floor);
            }
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
