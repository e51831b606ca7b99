package io.mytts.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RealFftTest {

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {4, 8, 16, 64, 256, 1024})
    void matchesTheDefinitionOfTheDft(int n) {
        Random rnd = new Random(n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        RealFft fft = new RealFft(n);
        double[] re = new double[n / 2 + 1];
        double[] im = new double[n / 2 + 1];
        fft.forward(x, re, im, fft.newWork());

        for (int k = 0; k <= n / 2; k++) {
            double er = 0, ei = 0;
            for (int j = 0; j < n; j++) {
                er += x[j] * Math.cos(2 * Math.PI * j * k / n);
                ei -= x[j] * Math.sin(2 * Math.PI * j * k / n);
            }
            assertThat(re[k]).as("re[%d]", k).isCloseTo(er, within(1e-9 * n));
            assertThat(im[k]).as("im[%d]", k).isCloseTo(ei, within(1e-9 * n));
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {4, 32, 512, 2048})
    void inverseUndoesForward(int n) {
        Random rnd = new Random(-n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() - 0.5;
        }
        RealFft fft = new RealFft(n);
        double[][] work = fft.newWork();
        double[] re = new double[n / 2 + 1];
        double[] im = new double[n / 2 + 1];
        fft.forward(x, re, im, work);
        double[] back = new double[n];
        fft.inverse(re, im, back, work);
        assertThat(back).containsExactly(x, within(1e-12));
    }

    @ParameterizedTest(name = "bin {0}")
    @ValueSource(ints = {0, 1, 5, 16})
    void inverseOfOneBinIsACosine(int bin) {
        int n = 32;
        RealFft fft = new RealFft(n);
        double[] re = new double[n / 2 + 1];
        double[] im = new double[n / 2 + 1];
        re[bin] = 1;
        double[] x = new double[n];
        fft.inverse(re, im, x, fft.newWork());
        double scale = bin == 0 || bin == n / 2 ? 1.0 / n : 2.0 / n; // the bin and its mirror image
        for (int j = 0; j < n; j++) {
            assertThat(x[j]).isCloseTo(scale * Math.cos(2 * Math.PI * bin * j / n), within(1e-12));
        }
    }
}
