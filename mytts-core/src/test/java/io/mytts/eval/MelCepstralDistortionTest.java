package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MelCepstralDistortionTest {

    static float[][] randomLogMel(long seed, int frames) {
        Random r = new Random(seed);
        float[][] m = new float[frames][80];
        for (int t = 0; t < frames; t++) {
            for (int b = 0; b < 80; b++) {
                // smooth in time so that repeated frames are close to their neighbours
                m[t][b] = (float) (-5 + 2 * Math.sin(0.1 * t + b * 0.2 + seed) + 0.1 * r.nextGaussian());
            }
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void identicalIsZeroAndStretchedIsNearZero(long seed) {
        float[][] a = randomLogMel(seed, 60);
        assertThat(MelCepstralDistortion.between(a, a)).isCloseTo(0, within(1e-9));
        float[][] slow = new float[120][];
        for (int t = 0; t < 120; t++) {
            slow[t] = a[t / 2];
        }
        // every frame of the slow copy equals one of the original: DTW finds a zero-cost path
        assertThat(MelCepstralDistortion.between(a, slow)).isCloseTo(0, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void growsWithTheDifference(long seed) {
        float[][] a = randomLogMel(seed, 50);
        float[][] small = new float[50][80];
        float[][] large = new float[50][80];
        Random r = new Random(seed + 100);
        for (int t = 0; t < 50; t++) {
            for (int b = 0; b < 80; b++) {
                double e = r.nextGaussian();
                small[t][b] = (float) (a[t][b] + 0.1 * e);
                large[t][b] = (float) (a[t][b] + 1.0 * e);
            }
        }
        double ds = MelCepstralDistortion.between(a, small);
        double dl = MelCepstralDistortion.between(a, large);
        assertThat(ds).isPositive();
        assertThat(dl).isGreaterThan(3 * ds);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 7, 23})
    void singleCoefficientOffsetGivesTheTextbookValue(int k) {
        // A log-spectral ripple 2c cos(pi k (n + 1/2) / N) (k >= 1) moves cepstral coefficient k by
        // exactly c in the real-cepstrum convention.
        float[][] a = randomLogMel(9, 20);
        float[][] b = new float[20][80];
        double c = 0.5;
        int coef = k + 1;
        for (int t = 0; t < 20; t++) {
            for (int n = 0; n < 80; n++) {
                b[t][n] = (float) (a[t][n] + 2 * c * Math.cos(Math.PI * coef * (n + 0.5) / 80));
            }
        }
        double expected = 10 / Math.log(10) * Math.sqrt(2 * c * c);
        assertThat(MelCepstralDistortion.between(a, b)).isCloseTo(expected, within(0.05 * expected));
    }
}
