package io.mytts.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MonotonicAlignmentSearchTest {

    @Test
    void findsTheBlocksOfABlockDiagonalLikelihood() {
        int[] truth = {3, 1, 4, 2};
        float[][] ll = new float[10][4];
        int f = 0;
        for (int t = 0; t < truth.length; t++) {
            for (int k = 0; k < truth[t]; k++, f++) {
                Arrays.fill(ll[f], -5f);
                ll[f][t] = -0.1f;
            }
        }
        MonotonicAlignmentSearch mas = MonotonicAlignmentSearch.search(ll);
        assertThat(mas.durations()).containsExactly(truth);
        assertThat(mas.logLikelihood()).isCloseTo(-1.0, Offset.offset(1e-6));
    }

    @Test
    void givesEveryTokenAFrameEvenWhenTheLikelihoodSkipsIt() {
        float[][] ll = new float[4][3];
        for (float[] row : ll) {
            Arrays.fill(row, -10f);
            row[0] = 0f; // all frames want token 0
        }
        assertThat(MonotonicAlignmentSearch.search(ll).durations()).containsExactly(2, 1, 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void findsTheBestAlignmentOfAllOnTinyInputs(long seed) {
        Random rnd = new Random(seed);
        int tokens = 1 + rnd.nextInt(4);
        int frames = tokens + rnd.nextInt(5);
        float[][] ll = new float[frames][tokens];
        for (float[] row : ll) {
            for (int t = 0; t < tokens; t++) {
                row[t] = (float) -rnd.nextDouble() * 5;
            }
        }
        MonotonicAlignmentSearch mas = MonotonicAlignmentSearch.search(ll);
        assertThat(Arrays.stream(mas.durations()).sum()).isEqualTo(frames);
        assertThat(Arrays.stream(mas.durations()).min().getAsInt()).isPositive();
        assertThat(mas.logLikelihood()).isCloseTo(score(ll, mas.durations()), Offset.offset(1e-4));
        assertThat(mas.logLikelihood()).isCloseTo(bruteForce(ll, new int[tokens], 0), Offset.offset(1e-4));
    }

    /** The best score over all ways of giving each token at least one frame, frames summing right. */
    private static double bruteForce(float[][] ll, int[] durations, int token) {
        int tokens = durations.length;
        int used = 0;
        for (int t = 0; t < token; t++) {
            used += durations[t];
        }
        int left = ll.length - used;
        if (token == tokens - 1) {
            durations[token] = left;
            return left >= 1 ? score(ll, durations) : Double.NEGATIVE_INFINITY;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int d = 1; d <= left - (tokens - 1 - token); d++) {
            durations[token] = d;
            best = Math.max(best, bruteForce(ll, durations, token + 1));
        }
        return best;
    }

    private static double score(float[][] ll, int[] durations) {
        double s = 0;
        int f = 0;
        for (int t = 0; t < durations.length; t++) {
            for (int k = 0; k < durations[t]; k++) {
                s += ll[f++][t];
            }
        }
        return s;
    }

    @Test
    void upsamplesStepAttentionToFrames() {
        float[][] a = {{1f, 0f}, {0.5f, 0.5f}};
        float[][] perFrame = MonotonicAlignmentSearch.logAttentionPerFrame(a, 5, 2, 3);
        assertThat(perFrame).hasNumberOfRows(5);
        assertThat(perFrame[2][0]).isEqualTo(0f);
        assertThat(perFrame[3][1]).isCloseTo((float) Math.log(0.5), Offset.offset(1e-6f));
        assertThat(perFrame[0][1]).isCloseTo((float) Math.log(MonotonicPath.FLOOR), Offset.offset(1e-3f));
    }

    @Test
    void refusesFewerFramesThanTokens() {
        assertThatThrownBy(() -> MonotonicAlignmentSearch.search(new float[2][3]))
                .hasMessageContaining("at least as many frames as tokens");
    }
}
