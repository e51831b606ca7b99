package io.mytts.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MonotonicPathTest {

    /** Rows that put {@code sharp} on one token per step and spread the rest evenly. */
    private static float[][] onTokens(int tokens, float sharp, int... tokenOfStep) {
        float[][] a = new float[tokenOfStep.length][tokens];
        for (int s = 0; s < tokenOfStep.length; s++) {
            Arrays.fill(a[s], (1 - sharp) / (tokens - 1));
            a[s][tokenOfStep[s]] = sharp;
        }
        return a;
    }

    @Test
    void followsACleanDiagonal() {
        MonotonicPath p = MonotonicPath.find(onTokens(4, 0.9f, 0, 0, 1, 1, 2, 2, 3, 3));
        assertThat(p.stepsPerToken()).containsExactly(2, 2, 2, 2);
        assertThat(p.coversEveryToken()).isTrue();
        assertThat(p.meanProbability()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(p.logScore()).isCloseTo(8 * Math.log(0.9f), org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void jumpsOverATokenTheAttentionSkips() {
        MonotonicPath p = MonotonicPath.find(onTokens(5, 0.8f, 0, 0, 1, 3, 3, 4));
        assertThat(p.stepsPerToken()).containsExactly(2, 1, 0, 2, 1);
        assertThat(p.coversEveryToken()).isFalse();
    }

    @Test
    void startsLateAndEndsOnTheLastTokenEvenAgainstTheAttention() {
        // The attention never looks at token 0 and stays on token 1 at the end: the path may start
        // on token 1, but must end on the last token.
        MonotonicPath p = MonotonicPath.find(onTokens(3, 0.9f, 1, 1, 1));
        assertThat(p.stepsPerToken()).containsExactly(0, 2, 1);
    }

    @Test
    void stepsBecomeFramesThatSumToTheMelLength() {
        // 8 frames at r = 3: 3 steps, the last one only 2 frames long.
        assertThat(MonotonicPath.stepsToFrames(new int[] {1, 0, 2}, 8, 3)).containsExactly(3, 0, 5);
        assertThat(MonotonicPath.stepsToFrames(new int[] {2, 1, 0}, 7, 3)).containsExactly(6, 1, 0);
        assertThatThrownBy(() -> MonotonicPath.stepsToFrames(new int[] {1, 1}, 7, 3))
                .hasMessageContaining("need 3 steps");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomMatricesGiveMonotonicPathsThatSumRight(long seed) {
        Random rnd = new Random(seed);
        int tokens = 1 + rnd.nextInt(40);
        int steps = 1 + rnd.nextInt(80);
        int r = 1 + rnd.nextInt(4);
        float[][] a = randomRows(rnd, steps, tokens);
        MonotonicPath p = MonotonicPath.find(a);
        assertThat(p.stepsPerToken()).hasSize(tokens);
        assertThat(p.steps()).isEqualTo(steps);
        assertThat(p.stepsPerToken()[tokens - 1]).isPositive();
        assertThat(p.meanProbability()).isBetween(0.0, 1.0);
        int frames = (steps - 1) * r + 1 + rnd.nextInt(r);
        int[] d = p.frames(frames, r);
        assertThat(Arrays.stream(d).sum()).isEqualTo(frames);
        assertThat(Arrays.stream(d).min().getAsInt()).isNotNegative();
        // The score is the sum over the path the durations describe, which only a monotonic path can be.
        double score = 0;
        int s = 0;
        for (int t = 0; t < tokens; t++) {
            for (int k = 0; k < p.stepsPerToken()[t]; k++) {
                score += Math.log(Math.max(a[s++][t], MonotonicPath.FLOOR));
            }
        }
        assertThat(p.logScore()).isCloseTo(score, org.assertj.core.data.Offset.offset(1e-6));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void viterbiFindsTheBestPathOfAllOnTinyMatrices(long seed) {
        Random rnd = new Random(seed);
        int tokens = 1 + rnd.nextInt(4);
        int steps = 1 + rnd.nextInt(6);
        float[][] a = randomRows(rnd, steps, tokens);
        double best = bruteForce(a, 0, 0, 0);
        assertThat(MonotonicPath.find(a).logScore()).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** The best score of all non-decreasing token sequences from step {@code s} on, not below {@code minToken}, ending on the last token. */
    private static double bruteForce(float[][] a, int s, int minToken, double sofar) {
        int tokens = a[0].length;
        if (s == a.length) {
            return Double.NEGATIVE_INFINITY;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int t = minToken; t < tokens; t++) {
            double here = sofar + Math.log(Math.max(a[s][t], MonotonicPath.FLOOR));
            best = Math.max(best, s == a.length - 1 ? (t == tokens - 1 ? here : Double.NEGATIVE_INFINITY)
                    : bruteForce(a, s + 1, t, here));
        }
        return best;
    }

    static float[][] randomRows(Random rnd, int steps, int tokens) {
        float[][] a = new float[steps][tokens];
        for (float[] row : a) {
            double sum = 0;
            for (int t = 0; t < tokens; t++) {
                row[t] = rnd.nextFloat() < 0.2f ? 0f : (float) Math.pow(rnd.nextDouble(), 3);
                sum += row[t];
            }
            for (int t = 0; t < tokens && sum > 0; t++) {
                row[t] /= (float) sum;
            }
        }
        return a;
    }

    @Test
    void refusesAnEmptyMatrix() {
        assertThatThrownBy(() -> MonotonicPath.find(new float[0][0])).isInstanceOf(IllegalArgumentException.class);
    }
}
