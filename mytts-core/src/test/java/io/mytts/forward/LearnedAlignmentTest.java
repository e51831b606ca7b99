package io.mytts.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LearnedAlignment} on seeded random batches. */
class LearnedAlignmentTest {

    private static final int MELS = 5;

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void theLogLikelihoodIsMinusHalfTheSquaredDistance(long seed) {
        Random r = new Random(seed);
        int frames = 4 + r.nextInt(6);
        int tokens = 1 + r.nextInt(4);
        float[] x = random(r, 2 * frames * MELS);
        float[] mu = random(r, 2 * tokens * MELS);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] ll = LearnedAlignment.logLikelihood(m.create(x, new Shape(2, frames, MELS)),
                    m.create(mu, new Shape(2, tokens, MELS))).toFloatArray();
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < frames; t++) {
                    for (int i = 0; i < tokens; i++) {
                        double d = 0;
                        for (int k = 0; k < MELS; k++) {
                            double diff = x[(b * frames + t) * MELS + k] - mu[(b * tokens + i) * MELS + k];
                            d += diff * diff;
                        }
                        assertThat(ll[(b * frames + t) * tokens + i]).isCloseTo((float) (-0.5 * d), within(1e-4f));
                    }
                }
            }
        }
    }

    /**
     * Padded rows of several lengths: each row's durations cover its real tokens, each at least one
     * frame, and sum to its mel length; frames drawn near one token's mean go to it.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void durationsSumToEachRowsFramesAndFollowTheMeans(long seed) {
        Random r = new Random(seed);
        int batch = 3;
        int[] tokens = new int[batch];
        int[][] truth = new int[batch][];
        int[] frames = new int[batch];
        for (int b = 0; b < batch; b++) {
            tokens[b] = 1 + r.nextInt(6);
            truth[b] = new int[tokens[b]];
            for (int i = 0; i < tokens[b]; i++) {
                truth[b][i] = 1 + r.nextInt(5);
                frames[b] += truth[b][i];
            }
        }
        int maxT = Arrays.stream(tokens).max().getAsInt();
        int maxF = Arrays.stream(frames).max().getAsInt();
        float[] mu = new float[batch * maxT * MELS];
        float[] x = new float[batch * maxF * MELS];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < tokens[b]; i++) {
                for (int k = 0; k < MELS; k++) {
                    mu[(b * maxT + i) * MELS + k] = (float) (4 * r.nextGaussian());
                }
            }
            int t = 0;
            for (int i = 0; i < tokens[b]; i++) {
                for (int n = 0; n < truth[b][i]; n++, t++) {
                    for (int k = 0; k < MELS; k++) {
                        x[(b * maxF + t) * MELS + k] = mu[(b * maxT + i) * MELS + k] + (float) (0.1 * r.nextGaussian());
                    }
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mels = m.create(x, new Shape(batch, maxF, MELS));
            NDArray means = m.create(mu, new Shape(batch, maxT, MELS));
            int[][] d = LearnedAlignment.durations(LearnedAlignment.logLikelihood(mels, means), frames, tokens);
            for (int b = 0; b < batch; b++) {
                assertThat(d[b]).hasSize(tokens[b]);
                assertThat(Arrays.stream(d[b]).sum()).isEqualTo(frames[b]);
                assertThat(Arrays.stream(d[b]).min().getAsInt()).isPositive();
                assertThat(d[b]).containsExactly(truth[b]);
            }
            // Means on their frames: the loss is the constant and a little noise; elsewhere larger.
            double onTarget = LearnedAlignment.loss(means, mels, d, frames).getFloat();
            assertThat(onTarget).isCloseTo(0.5 * Math.log(2 * Math.PI) + 0.5 * 0.01, within(0.01));
            assertThat((double) LearnedAlignment.loss(means.mul(0), mels, d, frames).getFloat()).isGreaterThan(onTarget + 1);
        }
    }
}
