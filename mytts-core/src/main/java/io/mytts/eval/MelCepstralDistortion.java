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

    static double frameDistance(double[] x, double[] y) {
        double s = 0;
        for (int d = 0; d < x.length; d++) {
            double e = x[d] - y[d];
            s += e * e;
        }
        return K * Math.sqrt(s);
    }

    /** Mean frame distance along the cheapest monotonic path (steps (1,0), (0,1), (1,1)). */
    static double dtwMean(double[][] a, double[][] b) {
        int n = a.length;
        int m = b.length;
        double[][] cost = new double[n][m];
        int[][] steps = new int[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double d = frameDistance(a[i], b[j]);
                if (i == 0 && j == 0) {
                    cost[i][j] = d;
                    steps[i][j] = 1;
                    continue;
                }
                double best = Double.POSITIVE_INFINITY;
                int bestSteps = 0;
                if (i > 0 && j > 0 && cost[i - 1][j - 1] < best) {
                    best = cost[i - 1][j - 1];
                    bestSteps = steps[i - 1][j - 1];
                }
                if (i > 0 && cost[i - 1][j] < best) {
                    best = cost[i - 1][j];
                    bestSteps = steps[i - 1][j];
                }
                if (j > 0 && cost[i][j - 1] < best) {
                    best = cost[i][j - 1];
                    bestSteps = steps[i][j - 1];
                }
                cost[i][j] = best + d;
                steps[i][j] = bestSteps + 1;
            }
        }
        return cost[n - 1][m - 1] / steps[n - 1][m - 1];
    }
}
