package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mytts.config.MelLoss;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LossesTest {

    @Test
    void l1AndMseCountOnlyRealFrames() {
        try (NDManager m = NDManager.newBaseManager()) {
            // B=2, T=3, M=2. Row 0 has 2 real frames, row 1 has 1; padding holds huge errors.
            float[] pred = {1, 2, 3, 4, 100, 100, /* row 1 */ 0, 0, 100, 100, 100, 100};
            float[] target = {0, 0, 0, 0, 0, 0, /* row 1 */ 1, 3, 0, 0, 0, 0};
            NDArray p = m.create(pred, new Shape(2, 3, 2));
            NDArray t = m.create(target, new Shape(2, 3, 2));
            int[] lengths = {2, 1};
            // Real values: |1|,|2|,|3|,|4|,|-1|,|-3| over 6 values.
            assertThat(Losses.maskedMel(p, t, lengths, MelLoss.L1).getFloat())
                    .isCloseTo((1 + 2 + 3 + 4 + 1 + 3) / 6f, within(1e-6f));
            assertThat(Losses.maskedMel(p, t, lengths, MelLoss.MSE).getFloat())
                    .isCloseTo((1 + 4 + 9 + 16 + 1 + 9) / 6f, within(1e-5f));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void maskedL1MatchesALoopOnRandomInputs(long seed) {
        Random r = new Random(seed);
        int b = 3, tMax = 5, mels = 4;
        float[] pred = new float[b * tMax * mels];
        float[] target = new float[pred.length];
        for (int i = 0; i < pred.length; i++) {
            pred[i] = (float) r.nextGaussian();
            target[i] = (float) r.nextGaussian();
        }
        int[] lengths = {1 + r.nextInt(tMax), 1 + r.nextInt(tMax), tMax};
        double sum = 0;
        int count = 0;
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                for (int k = 0; k < mels; k++) {
                    int idx = (i * tMax + t) * mels + k;
                    sum += Math.abs(pred[idx] - target[idx]);
                    count++;
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float got = Losses.maskedMel(m.create(pred, new Shape(b, tMax, mels)),
                    m.create(target, new Shape(b, tMax, mels)), lengths, MelLoss.L1).getFloat();
            assertThat((double) got).isCloseTo(sum / count, within(1e-5));
        }
    }

    @Test
    void stopBceMatchesTheTextbookFormulaWithPositiveWeight() {
        float[] logits = {2f, -1f, 0.5f, 3f, -2f, 9f};
        float[] targets = {0, 0, 1, 0, 1, 1};
        int[] lengths = {3, 2}; // row 1's third frame is padding
        double w = 5;
        double expected = 0;
        int[] rows = {0, 0, 0, 1, 1};
        int[] idx = {0, 1, 2, 3, 4};
        for (int k = 0; k < idx.length; k++) {
            double x = logits[idx[k]];
            double y = targets[idx[k]];
            double p = 1 / (1 + Math.exp(-x));
            expected += -(w * y * Math.log(p) + (1 - y) * Math.log(1 - p));
        }
        expected /= 5;
        try (NDManager m = NDManager.newBaseManager()) {
            float got = Losses.stopBce(m.create(logits, new Shape(2, 3)),
                    m.create(targets, new Shape(2, 3)), lengths, w).getFloat();
            assertThat((double) got).isCloseTo(expected, within(1e-5));
            assertThat(rows).hasSize(5);
        }
    }

    @Test
    void stopBceStaysFiniteForHugeLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {500f, -500f}, new Shape(1, 2));
            NDArray targets = m.create(new float[] {0f, 1f}, new Shape(1, 2));
            float got = Losses.stopBce(logits, targets, new int[] {2}, 2.0).getFloat();
            // -log(1 - sigmoid(500)) = 500 and -2·log(sigmoid(-500)) = 1000, mean 750.
            assertThat(got).isCloseTo(750f, within(1e-3f));
        }
    }

    @Test
    void guidedWeightsFollowTheFormulaAndAreZeroOnPadding() {
        float[] w = Losses.guidedWeights(new int[] {2}, new int[] {4}, 3, 5, 0.2);
        // t=1 of T=2, n=3 of N=4: d = 3/4 - 1/2 = 0.25
        double expected = 1 - Math.exp(-0.0625 / 0.08);
        assertThat((double) w[1 * 5 + 3]).isCloseTo(expected, within(1e-6));
        assertThat(w[0]).isZero(); // n/N = t/T = 0 on the diagonal
        assertThat(w[2 * 5 + 1]).isZero(); // t = 2 is padding
        assertThat(w[4]).isZero(); // n = 4 is padding
    }

    @Test
    void guidedAttentionIsSmallForADiagonalAndLargeForAnAntiDiagonal() {
        int t = 6, n = 6;
        float[] diag = new float[t * n];
        float[] anti = new float[t * n];
        for (int i = 0; i < t; i++) {
            diag[i * n + i] = 1;
            anti[i * n + (n - 1 - i)] = 1;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float lowLoss = Losses.guidedAttention(m.create(diag, new Shape(1, 1, t, n)),
                    new int[] {t}, new int[] {n}, null, 0.2).getFloat();
            float highLoss = Losses.guidedAttention(m.create(anti, new Shape(1, 1, t, n)),
                    new int[] {t}, new int[] {n}, null, 0.2).getFloat();
            assertThat(lowLoss).isCloseTo(0f, within(1e-6f));
            // Hand value: mean over 36 cells of W at the anti-diagonal cells.
            double sum = 0;
            for (int i = 0; i < t; i++) {
                double d = (n - 1 - i) / (double) n - i / (double) t;
                sum += 1 - Math.exp(-d * d / 0.08);
            }
            assertThat((double) highLoss).isCloseTo(sum / 36, within(1e-6));
        }
    }

    @Test
    void guidedAttentionUsesOnlyTheChosenHeads() {
        int t = 2, n = 2;
        // head 0: uniform 0.5, head 1: all mass on the wrong token
        float[] a = {0.5f, 0.5f, 0.5f, 0.5f, /* head 1 */ 0, 1, 1, 0};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray att = m.create(a, new Shape(1, 2, t, n));
            double w01 = 1 - Math.exp(-0.25 / 0.08); // cell (t=0, n=1) and (t=1, n=0)
            float head0 = Losses.guidedAttention(att, new int[] {t}, new int[] {n}, new int[] {0}, 0.2).getFloat();
            float head1 = Losses.guidedAttention(att, new int[] {t}, new int[] {n}, new int[] {1}, 0.2).getFloat();
            float both = Losses.guidedAttention(att, new int[] {t}, new int[] {n}, null, 0.2).getFloat();
            assertThat((double) head0).isCloseTo(0.5 * 2 * w01 / 4, within(1e-6));
            assertThat((double) head1).isCloseTo(2 * w01 / 4, within(1e-6));
            assertThat((double) both).isCloseTo((head0 + head1) / 2.0, within(1e-6));
        }
    }
}
