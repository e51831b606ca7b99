package io.mytts.audio;

/**
 * An STFT: real and imaginary parts, each frames x (nFft / 2 + 1).
 *
 * @param real real parts, one row per frame
 * @param imag imaginary parts, one row per frame
 */
public record ComplexSpectrogram(float[][] real, float[][] imag) {

    public ComplexSpectrogram {
        if (real.length != imag.length) {
            throw new IllegalArgumentException("real has " + real.length + " frames, imag " + imag.length);
        }
    }

    public int frames() {
        return real.length;
    }

    /** Bins per frame (0 when there are no frames). */
    public int bins() {
        return real.length == 0 ? 0 : real[0].length;
    }

    /** |X| per frame and bin, as sqrt(re² + im² + eps) (eps = 1e-9 in the reference convention). */
    public float[][] magnitude(double eps) {
        float[][] m = new float[frames()][bins()];
        for (int t = 0; t < m.length; t++) {
            for (int k = 0; k < m[t].length; k++) {
                double r = real[t][k];
                double i = imag[t][k];
                m[t][k] = (float) Math.sqrt(r * r + i * i + eps);
            }
        }
        return m;
    }
}
