package io.mytts.audio;

import io.mytts.config.AudioConfig;

/**
 * Rate and pitch of speech changed on its log-mel spectrogram, before the vocoder, for voices
 * whose model has no duration or pitch controls (the autoregressive one).
 *
 * <p><b>Rate</b>: the frames are resampled along time by linear interpolation of the log-mel
 * values between the two nearest frames: rate r turns n frames into round(n / r), so the audio is
 * 1/r as long (the vocoder makes one hop of samples per frame). No phase vocoder is needed: the
 * mel has no phase, and the vocoder (Griffin-Lim or a neural one) makes a consistent one for the
 * new frames. Slowing down repeats the spectral shapes of steady sounds; fast transitions are
 * smoothed slightly.
 *
 * <p><b>Pitch</b>: each frame's spectrum is moved along frequency by the factor 2^(semitones/12):
 * the mel bin centred at f takes the value the frame had at f / factor, interpolated between the
 * neighbouring bins on the mel scale (the bins are uniform in mel, not in hertz, so the shift is
 * a different number of bins at each height). Bins whose source lies outside the mel range take
 * the frame's lowest value (silence). This moves the formants with the harmonics, so large shifts
 * change the timbre too (a chipmunk or giant quality past a few semitones).
 */
public final class MelProsody {

    private MelProsody() {}

    /**
     * The spectrogram at another speaking rate.
     *
     * @param logMel frames x mels
     * @param rate above 1 faster (fewer frames), below 1 slower
     */
    public static float[][] timeScale(float[][] logMel, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be positive, not " + rate);
        }
        int n = logMel.length;
        if (rate == 1.0 || n == 0) {
            return logMel;
        }
        int m = Math.max(1, (int) Math.round(n / rate));
        float[][] out = new float[m][];
        double step = n / (double) m;
        for (int j = 0; j < m; j++) {
            // The centre of output frame j over the same stretch of the input, so both ends line up.
            double x = Math.max(0, Math.min(n - 1, (j + 0.5) * step - 0.5));
            int a = (int) Math.floor(x);
            int b = Math.min(n - 1, a + 1);
            float w = (float) (x - a);
            float[] fa = logMel[a];
            float[] fb = logMel[b];
            float[] f = new float[fa.length];
            for (int k = 0; k < f.length; k++) {
                f[k] = fa[k] + w * (fb[k] - fa[k]);
            }
            out[j] = f;
        }
        return out;
    }

    /**
     * The spectrogram with its pitch (and formants) moved by {@code semitones}.
     *
     * @param audio the mel settings the spectrogram was made with (its mel range and count)
     */
    public static float[][] shiftPitch(float[][] logMel, double semitones, AudioConfig audio) {
        if (semitones == 0 || logMel.length == 0) {
            return logMel;
        }
        int nMels = audio.nMels();
        double lo = MelFilterBank.hzToMel(audio.fMin());
        double hi = MelFilterBank.hzToMel(audio.fMax());
        double melStep = (hi - lo) / (nMels + 1);
        double factor = Math.pow(2, semitones / 12);
        // Where, in fractional input bins, each output bin's source frequency lies.
        double[] source = new double[nMels];
        for (int i = 0; i < nMels; i++) {
            double centreHz = MelFilterBank.melToHz(lo + melStep * (i + 1));
            source[i] = (MelFilterBank.hzToMel(centreHz / factor) - lo) / melStep - 1;
        }
        float[][] out = new float[logMel.length][];
        for (int t = 0; t < logMel.length; t++) {
            float[] in = logMel[t];
            if (in.length != nMels) {
                throw new IllegalArgumentException("a frame has " + in.length + " mels but the audio settings say "
                        + nMels);
            }
            float floor = Float.POSITIVE_INFINITY;
            for (float v : in) {
                floor = Math.min(floor, v);
            }
            float[] f = new float[nMels];
            for (int i = 0; i < nMels; i++) {
                double x = source[i];
                if (x < 0 || x > nMels - 1) {
                    f[i] = floor;
                } else {
                    int a = (int) Math.floor(x);
                    int b = Math.min(nMels - 1, a + 1);
                    float w = (float) (x - a);
                    f[i] = in[a] + w * (in[b] - in[a]);
                }
            }
            out[t] = f;
        }
        return out;
    }
}
