package io.mytts.audio;

/**
 * FFT of real signals whose length is a power of two, computed as a complex FFT of half the
 * length (even samples as real part, odd as imaginary) followed by a split step. Instances hold
 * only read-only tables and may be shared between threads; the caller supplies work buffers.
 * Public for measures that need their own framing (STOI's, in {@code io.mytts.eval}).
 */
public final class RealFft {

    private final int n;
    private final int half;
    private final int[] bitReversed; // permutation for the half-size complex FFT
    private final double[] twCos; // exp(-2πi j / half) for j < half / 2
    private final double[] twSin;
    private final double[] splitCos; // exp(-2πi k / n) for k <= half
    private final double[] splitSin;

    public RealFft(int n) {
        if (n < 4 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two >= 4, got " + n);
        }
        this.n = n;
        this.half = n / 2;
        int bits = Integer.numberOfTrailingZeros(half);
        bitReversed = new int[half];
        for (int i = 0; i < half; i++) {
            bitReversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        twCos = new double[Math.max(1, half / 2)];
        twSin = new double[twCos.length];
        for (int j = 0; j < half / 2; j++) {
            twCos[j] = Math.cos(2 * Math.PI * j / half);
            twSin[j] = -Math.sin(2 * Math.PI * j / half);
        }
        splitCos = new double[half + 1];
        splitSin = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            splitCos[k] = Math.cos(2 * Math.PI * k / n);
            splitSin[k] = -Math.sin(2 * Math.PI * k / n);
        }
    }

    public int size() {
        return n;
    }

    /** Work buffers for one thread. */
    public double[][] newWork() {
        return new double[][] {new double[half], new double[half]};
    }

    /** X[k] = Σ x[j] e^{-2πijk/n} for k = 0..n/2, into re/im (length n/2 + 1). */
    public void forward(double[] x, double[] re, double[] im, double[][] work) {
        double[] zr = work[0];
        double[] zi = work[1];
        for (int k = 0; k < half; k++) {
            int r = bitReversed[k];
            zr[r] = x[2 * k];
            zi[r] = x[2 * k + 1];
        }
        butterflies(zr, zi, false);
        re[0] = zr[0] + zi[0];
        im[0] = 0;
        re[half] = zr[0] - zi[0];
        im[half] = 0;
        for (int k = 1; k < half; k++) {
            double a = zr[k];
            double b = zi[k];
            double c = zr[half - k];
            double d = zi[half - k];
            double er = (a + c) * 0.5; // even part: (Z[k] + conj Z[h-k]) / 2
            double ei = (b - d) * 0.5;
            double or = (b + d) * 0.5; // odd part: (Z[k] - conj Z[h-k]) / 2i
            double oi = (c - a) * 0.5;
            double wr = splitCos[k];
            double wi = splitSin[k];
            re[k] = er + wr * or - wi * oi;
            im[k] = ei + wr * oi + wi * or;
        }
    }

    /**
     * The real signal (length n) whose spectrum is re/im (k = 0..n/2), with the 1/n scaling of an
     * inverse DFT; the imaginary parts of the DC and Nyquist bins are ignored, as numpy's irfft does.
     */
    public void inverse(double[] re, double[] im, double[] x, double[][] work) {
        double[] zr = work[0];
        double[] zi = work[1];
        for (int k = 0; k < half; k++) {
            double ar = re[k];
            double ai = k == 0 ? 0 : im[k];
            double cr = re[half - k];
            double ci = k == 0 ? 0 : im[half - k]; // for k = 0 this is the Nyquist bin
            double er = (ar + cr) * 0.5; // E = (X[k] + conj X[h-k]) / 2
            double ei = (ai - ci) * 0.5;
            double dr = (ar - cr) * 0.5; // (X[k] - conj X[h-k]) / 2, times e^{+2πik/n} gives O
            double di = (ai + ci) * 0.5;
            double wr = splitCos[k];
            double wi = -splitSin[k];
            double or = dr * wr - di * wi;
            double oi = dr * wi + di * wr;
            int r = bitReversed[k];
            zr[r] = er - oi; // Z = E + iO
            zi[r] = ei + or;
        }
        butterflies(zr, zi, true);
        double scale = 1.0 / half;
        for (int k = 0; k < half; k++) {
            x[2 * k] = zr[k] * scale;
            x[2 * k + 1] = zi[k] * scale;
        }
    }

    /** In-place iterative radix-2 FFT of bit-reversed input (inverse: conjugate twiddles, no scaling). */
    private void butterflies(double[] re, double[] im, boolean inverse) {
        double sign = inverse ? -1 : 1;
        for (int len = 2; len <= half; len <<= 1) {
            int halfLen = len >> 1;
            int stride = half / len;
            for (int start = 0; start < half; start += len) {
                for (int j = 0; j < halfLen; j++) {
                    double wr = twCos[j * stride];
                    double wi = sign * twSin[j * stride];
                    int p = start + j;
                    int q = p + halfLen;
                    double tr = re[q] * wr - im[q] * wi;
                    double ti = re[q] * wi + im[q] * wr;
                    re[q] = re[p] - tr;
                    im[q] = im[p] - ti;
                    re[p] += tr;
                    im[p] += ti;
                }
            }
        }
    }
}
