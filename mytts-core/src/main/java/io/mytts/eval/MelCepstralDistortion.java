package io.mytts.eval;

/**
 * Mel cepstral distortion between two utterances, in dB, after aligning their frames by dynamic
 * time warping.
 *
 * <p>Cepstra are taken from the natural-log mel spectrogram in the real-cepstrum convention that
 * SPTK's mel-cepstra follow: {@code ln|X_n| = c_0 + 2 sum_k c_k cos(pi k (n + 1/2) / N)} over the
 * {@code N} mel bands, so {@code c_k = (1/N) sum_n ln|X_n| cos(pi k (n + 1/2) / N)}. c0 (energy) is
 * dropped and coefficients 1..{@value #COEFFICIENTS} are kept (order 24, as most published MCD
 * figures use). Per aligned frame pair the distortion is
 * {@code (10 / ln 10) * sqrt(2 * sum_d (c_d - c'_d)^2)}; the result is the mean over the warping
 * path. The mel bands stand in for SPTK's all-pass frequency warping, so figures are on the
 * published scale (a few dB for close speech) but not identical to SPTK's.
 */
public final class MelCepstralDistortion {

    static final int COEFFICIENTS = 24;
    private static final double K = 10.0 / Math.log(10.0) * Math.sqrt(2.0);

    private MelCepstralDistortion() {}

    /** MCD in dB between two log-mel spectrograms (frames x bands, same band count). */
    public static double between(float[][] logMelA, float[][] logMelB) {
        if (logMelA.length == 0 || logMelB.length == 0) {
            throw new IllegalArgumentException("mel cepstral distortion needs at least one frame on each side");
        }
        if (logMelA[0].length != logMelB[0].length) {
            throw new IllegalArgumentException("band counts differ: " + logMelA[0].length + " vs " + logMelB[0].length);
        }
        double[][] a = cepstra(logMelA);
        double[][] b = cepstra(logMelB);
        return dtwMean(a, b);
    }

    /** Cepstral coefficients 1..{@value #COEFFICIENTS} of each frame (real-cepstrum scale, see the class comment). */
    static double[][] cepstra(float[][] logMel) {
        int bands = logMel[0].length;
        int keep = Math.min(COEFFICIENTS, bands - 1);
        double[][] basis = new double[keep][bands];
        for (int k = 1; k <= keep; k++) {
            for (int n = 0; n < bands; n++) {
                basis[k - 1][n] = Math.cos(Math.PI * k * (n + 0.5) / bands) / bands;
            }
        }
        double[][] out = new double[logMel.length][keep];
        for (int t = 0; t < logMel.length; t++) {
            for (int k = 0; k < keep; k++) {
                double s = 0;
                for (int n = 0; n < bands; n++) {
                    s += basis[k][n] * logMel[t][n];
                }
                out[t][k] = s;
            }
        }
        return out;
    }

    /** Mean frame distortion along the time-warping path of two cepstral sequences. */
    static double dtwMean(double[][] a, double[][] b) {
        return K * Dtw.align(a, b).meanDistance();
    }

    /** The time-warping path between two log-mel spectrograms, by the cepstra this measure compares. */
    static Dtw path(float[][] logMelA, float[][] logMelB) {
        return Dtw.align(cepstra(logMelA), cepstra(logMelB));
    }
}
