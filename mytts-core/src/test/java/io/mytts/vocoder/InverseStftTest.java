package io.mytts.vocoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.mytts.audio.ComplexSpectrogram;
import io.mytts.audio.Stft;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InverseStftTest {

    private static float[] noise(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * 0.3);
        }
        return x;
    }

    private static float[] flatten(float[][] a) {
        float[] out = new float[a.length * a[0].length];
        for (int t = 0; t < a.length; t++) {
            System.arraycopy(a[t], 0, out, t * a[0].length, a[0].length);
        }
        return out;
    }

    @ParameterizedTest(name = "n_fft {0}, hop {1}, win {2}, {3} frames")
    @CsvSource({"1024,256,1024,20", "64,16,64,9", "32,8,24,5", "16,4,16,1"})
    void undoesTheProjectStftAndMatchesItsInverse(int nFft, int hop, int win, int frames) {
        Stft stft = new Stft(nFft, hop, win);
        float[] x = noise(frames * hop, nFft + frames);
        ComplexSpectrogram s = stft.forward(x);
        assertThat(s.frames()).isEqualTo(frames);
        float[] reference = stft.inverse(s, x.length);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(1, frames, s.bins());
            NDArray re = m.create(flatten(s.real()), shape);
            NDArray im = m.create(flatten(s.imag()), shape);
            InverseStft istft = new InverseStft(nFft, hop, win, m);
            float[] y = istft.inverse(re, im).toFloatArray();
            assertThat(y).hasSize(x.length);
            for (int i = 0; i < y.length; i++) {
                assertThat((double) y[i]).as("sample %d vs Stft.inverse", i).isCloseTo(reference[i],
                        org.assertj.core.api.Assertions.within(1e-4));
                assertThat((double) y[i]).as("sample %d vs the signal", i).isCloseTo(x[i],
                        org.assertj.core.api.Assertions.within(1e-4));
            }
        }
    }

    @Test
    void batchRowsAreIndependent() {
        Stft stft = new Stft(64, 16, 64);
        float[] a = noise(8 * 16, 1);
        float[] b = noise(8 * 16, 2);
        ComplexSpectrogram sa = stft.forward(a);
        ComplexSpectrogram sb = stft.forward(b);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape one = new Shape(1, 8, 33);
            NDArray re = m.create(flatten(sa.real()), one).concat(m.create(flatten(sb.real()), one), 0);
            NDArray im = m.create(flatten(sa.imag()), one).concat(m.create(flatten(sb.imag()), one), 0);
            NDArray y = new InverseStft(64, 16, 64, m).inverse(re, im);
            assertThat(y.getShape()).isEqualTo(new Shape(2, 128));
            float[] rows = y.toFloatArray();
            for (int i = 0; i < 128; i++) {
                assertThat(rows[i]).isCloseTo(a[i], org.assertj.core.api.Assertions.within(1e-4f));
                assertThat(rows[128 + i]).isCloseTo(b[i], org.assertj.core.api.Assertions.within(1e-4f));
            }
        }
    }

    /** The op is linear, so its gradient is its adjoint: checked against finite differences. */
    @Test
    void gradientMatchesFiniteDifferences() {
        int frames = 4;
        int bins = 9;
        Random rnd = new Random(7);
        float[] re0 = new float[frames * bins];
        float[] im0 = new float[frames * bins];
        float[] w = new float[frames * 4];
        for (int i = 0; i < re0.length; i++) {
            re0[i] = (float) rnd.nextGaussian();
            im0[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            InverseStft istft = new InverseStft(16, 4, 16, m);
            Shape shape = new Shape(1, frames, bins);
            NDArray re = m.create(re0, shape);
            NDArray im = m.create(im0, shape);
            NDArray weights = m.create(w, new Shape(1, frames * 4));
            re.setRequiresGradient(true);
            im.setRequiresGradient(true);
            float[] gRe;
            float[] gIm;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = istft.inverse(re, im).mul(weights).sum();
                gc.backward(loss);
            }
            gRe = re.getGradient().toFloatArray();
            gIm = im.getGradient().toFloatArray();
            for (int k : new int[] {0, 5, 13, 22, 35}) {
                assertThat(gRe[k]).as("d/d real[%d]", k).isCloseTo(finiteDifference(istft, re0, im0, w, k, true, shape),
                        org.assertj.core.api.Assertions.within(2e-3f));
                assertThat(gIm[k]).as("d/d imag[%d]", k).isCloseTo(finiteDifference(istft, re0, im0, w, k, false, shape),
                        org.assertj.core.api.Assertions.within(2e-3f));
            }
        }
    }

    private static float finiteDifference(InverseStft istft, float[] re0, float[] im0, float[] w, int k,
            boolean real, Shape shape) {
        double h = 1e-2;
        double[] values = new double[2];
        for (int side = 0; side < 2; side++) {
            float[] re = re0.clone();
            float[] im = im0.clone();
            float[] target = real ? re : im;
            target[k] += (float) (side == 0 ? h : -h);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray y = istft.inverse(m.create(re, shape), m.create(im, shape));
                values[side] = y.mul(m.create(w, new Shape(1, w.length))).sum().getFloat();
            }
        }
        return (float) ((values[0] - values[1]) / (2 * h));
    }

    @Test
    void refusesAHopThatDoesNotDivideTheFft() {
        assertThatThrownBy(() -> new InverseStft(1024, 300, 1024, null))
                .hasMessageContaining("multiple of hop_length");
    }
}
