package io.mytts.audio;

/**
 * From mel energies back to linear STFT magnitudes: the minimum-norm least-squares solution
 * (the pseudo-inverse of the filter bank, Wᵀ(WWᵀ)⁻¹) clamped at zero, refined by a few
 * multiplicative non-negative least-squares updates (Lee and Seung), which keep the estimate
 * non-negative while moving it towards the best non-negative fit of the mel energies.
 */
final class MelInverse {

    private final MelFilterBank bank;
    private final double[][] pinv; // nFreqs x nMels
    private final int nnlsIterations;

    MelInverse(MelFilterBank bank, int nnlsIterations) {
        this.bank = bank;
        this.nnlsIterations = nnlsIterations;
        this.pinv = pseudoInverse(bank);
    }

    /** Linear magnitudes (frames x nFreqs) whose mel energies best match exp(logMel). */
    float[][] toLinear(float[][] logMel) {
        int nMels = bank.nMels();
        int nFreqs = bank.nFreqs();
        float[][] out = new float[logMel.length][];
        java.util.stream.IntStream.range(0, logMel.length).parallel().forEach(t -> {
            if (logMel[t].length != nMels) {
                throw new IllegalArgumentException("frame " + t + " has " + logMel[t].length + " mel bands, expected " + nMels);
            }
            double[] mel = new double[nMels];
            for (int m = 0; m < nMels; m++) {
                mel[m] = Math.exp(logMel[t][m]);
            }
            double[] x = new double[nFreqs];
            for (int k = 0; k < nFreqs; k++) {
                double s = 0;
                for (int m = 0; m < nMels; m++) {
                    s += pinv[k][m] * mel[m];
                }
                x[k] = Math.max(s, 1e-10);
            }
            refine(mel, x);
            float[] row = new float[nFreqs];
            for (int k = 0; k < nFreqs; k++) {
                row[k] = (float) x[k];
            }
            out[t] = row;
        });
        return out;
    }

    /** x ← x · (Wᵀ mel) / (Wᵀ W x): multiplicative updates that lower ||W x − mel||² and keep x ≥ 0. */
    private void refine(double[] mel, double[] x) {
        int nMels = bank.nMels();
        int nFreqs = bank.nFreqs();
        double[] wtMel = new double[nFreqs];
        double[] wx = new double[nMels];
        double[] wtwx = new double[nFreqs];
        for (int m = 0; m < nMels; m++) {
            for (int k = bank.firstBin(m); k < bank.endBin(m); k++) {
                wtMel[k] += bank.weight(m, k) * mel[m];
            }
        }
        for (int it = 0; it < nnlsIterations; it++) {
            java.util.Arrays.fill(wtwx, 0);
            for (int m = 0; m < nMels; m++) {
                double s = 0;
                for (int k = bank.firstBin(m); k < bank.endBin(m); k++) {
                    s += bank.weight(m, k) * x[k];
                }
                wx[m] = s;
                for (int k = bank.firstBin(m); k < bank.endBin(m); k++) {
                    wtwx[k] += bank.weight(m, k) * s;
                }
            }
            for (int k = 0; k < nFreqs; k++) {
                if (wtwx[k] > 0) {
                    x[k] *= wtMel[k] / wtwx[k];
                }
            }
        }
        for (int k = 0; k < nFreqs; k++) {
            if (wtMel[k] == 0) {
                x[k] = 0; // no filter sees this bin (above f_max): nothing to say about it
            }
        }
    }

    /** Wᵀ (W Wᵀ)⁻¹ by Cholesky factorisation of the small nMels x nMels Gram matrix. */
    private static double[][] pseudoInverse(MelFilterBank bank) {
        int nMels = bank.nMels();
        int nFreqs = bank.nFreqs();
        double[][] gram = new double[nMels][nMels];
        for (int a = 0; a < nMels; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int k = 0; k < nFreqs; k++) {
                    s += (double) bank.weight(a, k) * bank.weight(b, k);
                }
                gram[a][b] = s;
                gram[b][a] = s;
            }
            gram[a][a] += 1e-12; // keeps empty filters from making the matrix singular
        }
        double[][] chol = cholesky(gram);
        double[][] pinv = new double[nFreqs][];
        for (int k = 0; k < nFreqs; k++) {
            double[] col = new double[nMels]; // row k of Wᵀ
            for (int m = 0; m < nMels; m++) {
                col[m] = bank.weight(m, k);
            }
            pinv[k] = solve(chol, col); // (W Wᵀ)⁻¹ is symmetric, so row k of Wᵀ(WWᵀ)⁻¹ = solve(G, W[:,k])
        }
        return pinv;
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j][j];
            }
        }
        return l;
    }

    private static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
