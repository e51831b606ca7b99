package io.mytts.eval;

import java.util.Arrays;

/**
 * Fundamental frequency per frame, from a {@link Yin} tracker. Frame t is centred on sample
 * (t + 0.5)·hop, the centre of mel frame t in the project's STFT framing, so there is one value per
 * mel frame.
 *
 * @param f0 Hz per frame; 0 where the frame is unvoiced (never NaN)
 * @param periodicity 1 − the cumulative mean normalised difference at the chosen period, in [0, 1]
 *     (1: perfectly periodic); given for unvoiced frames too, at their best period
 * @param hop samples between frames
 * @param sampleRate samples per second of the analysed signal
 */
public record PitchTrack(double[] f0, double[] periodicity, int hop, int sampleRate) {

    public PitchTrack {
        if (f0.length != periodicity.length) {
            throw new IllegalArgumentException(f0.length + " F0 values but " + periodicity.length + " periodicities");
        }
    }

    public int frames() {
        return f0.length;
    }

    public boolean voiced(int frame) {
        return f0[frame] > 0;
    }

    /** Share of frames that are voiced (NaN for no frames). */
    public double voicedShare() {
        return f0.length == 0 ? Double.NaN : Arrays.stream(f0).filter(f -> f > 0).count() / (double) f0.length;
    }

    /** Median F0 of the voiced frames, NaN when none is voiced. */
    public double medianVoicedF0() {
        return Median.of(Arrays.stream(f0).filter(f -> f > 0).toArray());
    }
}
