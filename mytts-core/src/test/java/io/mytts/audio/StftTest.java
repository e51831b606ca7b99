package io.mytts.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mytts.config.AudioConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StftTest {

    private static float[] noise(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() * 0.3);
        }
        return x;
    }

    @ParameterizedTest(name = "{0} samples")
    @CsvSource({"256,1", "257,1", "511,1", "512,2", "33075,129", "1000,3", "100,0", "0,0"})
    void frameCountFollowsTheReferenceFraming(int samples, int frames) {
        Stft stft = new Stft(AudioConfig.DEFAULT);
        assertThat(stft.frameCount(samples)).isEqualTo(frames);
        assertThat(stft.forward(new float[samples]).frames()).isEqualTo(frames);
    }

    @ParameterizedTest(name = "n_fft {0}, hop {1}, win {2}")
    @CsvSource({"16,4,16", "32,8,24", "64,16,64", "16,6,12"})
    void matchesADirectDftOfReflectPaddedHannFrames(int nFft, int hop, int win) {
        float[] x = noise(100, nFft * 7L + hop);
        Stft stft = new Stft(nFft, hop, win);
        ComplexSpectrogram s = stft.forward(x);

        int pad = (nFft - hop) / 2;
        double[] padded = new double[x.length + 2 * pad];
        for (int i = 0; i < padded.length; i++) {
            int j = i - pad;
            int src = j < 0 ? -j : j >= x.length ? 2 * (x.length - 1) - j : j; // numpy 'reflect'
            padded[i] = x[src];
        }
        int frames = 1 + (padded.length - nFft) / hop;
        assertThat(s.frames()).isEqualTo(frames);
        int left = (nFft - win) / 2;
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k <= nFft / 2; k++) {
                double er = 0, ei = 0;
                for (int j = 0; j < win; j++) {
                    double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / win);
                    double v = w * padded[t * hop + left + j];
                    int jj = left + j;
                    er += v * Math.cos(2 * Math.PI * jj * k / nFft);
                    ei -= v * Math.sin(2 * Math.PI * jj * k / nFft);
                }
                assertThat((double) s.real()[t][k]).isCloseTo(er, within(1e-4));
                assertThat((double) s.imag()[t][k]).isCloseTo(ei, within(1e-4));
            }
        }
    }

    @ParameterizedTest(name = "{0} frames")
    @ValueSource(ints = {1, 3, 40, 700})
    void inverseReconstructsTheSignal(int frames) {
        Stft stft = new Stft(AudioConfig.DEFAULT);
        int n = stft.lengthForFrames(frames);
        float[] x = noise(n, frames);
        ComplexSpectrogram s = stft.forward(x);
        assertThat(s.frames()).isEqualTo(frames);

        float[] back = stft.inverse(s, n);

        assertThat(back).hasSize(n);
        assertThat(maxAbsDiff(back, x)).isLessThan(1e-5);
    }

    /** Largest |a[i] - b[i]| (AssertJ's containsExactly with a tolerance is slow on long arrays). */
    private static double maxAbsDiff(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    @Test
    void inverseOfASignalWithLeftoverSamplesReconstructsTheCoveredPart() {
        Stft stft = new Stft(1024, 256, 1024);
        float[] x = noise(5000, 3);
        float[] back = stft.inverse(stft.forward(x), x.length);
        int covered = stft.lengthForFrames(stft.frameCount(x.length));
        assertThat(covered).isLessThanOrEqualTo(x.length).isGreaterThan(x.length - 256);
        for (int i = 0; i < covered; i++) {
            assertThat(back[i]).isCloseTo(x[i], within(1e-5f));
        }
    }

    @Test
    void inverseWithShortWindowAndSmallHop() {
        Stft stft = new Stft(64, 3, 40);
        int n = stft.lengthForFrames(500);
        float[] x = noise(n, 11);
        assertThat(maxAbsDiff(stft.inverse(stft.forward(x), n), x)).isLessThan(1e-5);
    }

    @Test
    void reflectIndexMatchesNumpy() {
        // numpy.pad(arange(4), 6, 'reflect') = [0 1 2 3 2 1 0 1 2 3 2 1 0 1 2 3]
        int[] expected = {0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3};
        for (int i = 0; i < expected.length; i++) {
            assertThat(Stft.reflect(i - 6, 4)).as("index %d", i - 6).isEqualTo(expected[i]);
        }
    }
}
