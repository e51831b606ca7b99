package io.mytts.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlignmentsTest {

    /** One-hot alignment that follows the given path. */
    static float[][] oneHot(int[] path, int tokens) {
        float[][] a = new float[path.length][tokens];
        for (int s = 0; s < path.length; s++) {
            a[s][path[s]] = 1;
        }
        return a;
    }

    static int[] straightPath(int steps, int tokens) {
        int[] p = new int[steps];
        for (int s = 0; s < steps; s++) {
            p[s] = (int) Math.round(s * (tokens - 1) / (double) (steps - 1));
        }
        return p;
    }

    static float[][] reversed(int steps, int tokens) {
        int[] p = straightPath(steps, tokens);
        for (int s = 0; s < steps; s++) {
            p[s] = tokens - 1 - p[s];
        }
        return oneHot(p, tokens);
    }

    static float[][] uniform(int steps, int tokens) {
        float[][] a = new float[steps][tokens];
        for (float[] row : a) {
            java.util.Arrays.fill(row, 1f / tokens);
        }
        return a;
    }

    @ParameterizedTest
    @CsvSource({"40, 40", "120, 30", "30, 60", "200, 7", "3, 3"})
    void referenceAlignmentsScoreAsDefined(int steps, int tokens) {
        assertThat(Alignments.diagonality(oneHot(straightPath(steps, tokens), tokens))).isCloseTo(1.0, within(1e-9));
        assertThat(Alignments.diagonality(uniform(steps, tokens))).isCloseTo(0.0, within(1e-6));
        assertThat(Alignments.diagonality(reversed(steps, tokens))).isCloseTo(0.0, within(0.05));
    }

    @Test
    void softDiagonalIsHighButBelowOne() {
        int steps = 150;
        int tokens = 40;
        float[][] a = new float[steps][tokens];
        for (int s = 0; s < steps; s++) {
            double c = s * (tokens - 1) / (double) (steps - 1);
            double sum = 0;
            for (int t = 0; t < tokens; t++) {
                sum += a[s][t] = (float) Math.exp(-0.5 * Math.pow((t - c) / 1.5, 2));
            }
            for (int t = 0; t < tokens; t++) {
                a[s][t] /= sum;
            }
        }
        assertThat(Alignments.diagonality(a)).isBetween(0.8, 0.999);
    }

    @Test
    void handWorkedExample() {
        // 4 x 4, band half-width max(1, 0.4) = 1 around c(s) = s: 2 + 3 + 3 + 2 = 10 of 16 cells, chance 0.625.
        // Steps 0-2 on their diagonal token, step 3 on token 0 (outside the band): share 0.75.
        float[][] a = oneHot(new int[] {0, 1, 2, 0}, 4);
        assertThat(Alignments.diagonality(a)).isCloseTo((0.75 - 0.625) / 0.375, within(1e-9));
    }

    @Test
    void paddingIsIgnored() {
        float[][] valid = oneHot(new int[] {0, 1, 1, 2, 3, 4, 4, 5}, 6);
        float[][] padded = new float[12][9];
        Random r = new Random(1);
        for (int s = 0; s < 12; s++) {
            for (int t = 0; t < 9; t++) {
                padded[s][t] = s < 8 && t < 6 ? valid[s][t] : r.nextFloat();
            }
        }
        assertThat(Alignments.diagonality(padded, 8, 6)).isEqualTo(Alignments.diagonality(valid));
        assertThat(Alignments.diagonality(padded)).isNotEqualTo(Alignments.diagonality(valid));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomAlignmentsScoreInRangeAndNoiseLowersTheScore(long seed) {
        Random r = new Random(seed);
        int steps = 20 + r.nextInt(100);
        int tokens = 5 + r.nextInt(40);
        float[][] diagonal = oneHot(straightPath(steps, tokens), tokens);
        float[][] noisy = new float[steps][tokens];
        float[][] random = new float[steps][tokens];
        for (int s = 0; s < steps; s++) {
            for (int t = 0; t < tokens; t++) {
                random[s][t] = r.nextFloat();
                noisy[s][t] = 0.7f * diagonal[s][t] + 0.3f * random[s][t] / tokens;
            }
        }
        double d = Alignments.diagonality(diagonal);
        double n = Alignments.diagonality(noisy);
        double x = Alignments.diagonality(random);
        assertThat(n).isBetween(0.0, 1.0).isLessThan(d);
        assertThat(x).isBetween(0.0, 1.0).isLessThan(n);
    }

    @Test
    void edgeCases() {
        assertThat(Alignments.diagonality(new float[][] {{1f}, {1f}})).isEqualTo(1.0);
        assertThat(Alignments.diagonality(uniform(5, 2))).isEqualTo(1.0);
        assertThat(Alignments.diagonality(new float[3][4])).isEqualTo(0.0);
        assertThat(Alignments.diagonality(new float[][] {{Float.NaN, 0}, {0, 1}})).isNaN();
        assertThatThrownBy(() -> Alignments.diagonality(new float[2][2], 3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Alignments.diagonality(new float[2][2], 2, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void averagesHeadsAndLayers() {
        float[][][][] w = {
            {{{1, 0}, {0, 1}}, {{0, 1}, {1, 0}}},
            {{{1, 0}, {1, 0}}, {{1, 0}, {1, 0}}},
        };
        assertThat(Alignments.averageHeads(w[0])).isDeepEqualTo(new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}});
        assertThat(Alignments.averageHeads(w, 1)).isDeepEqualTo(new float[][] {{1, 0}, {1, 0}});
        assertThat(Alignments.averageHeads(w)).isDeepEqualTo(new float[][] {{0.75f, 0.25f}, {0.75f, 0.25f}});
        assertThat(Alignments.layerAverages(w)[1]).isDeepEqualTo(new float[][] {{1, 0}, {1, 0}});
        Alignments.HeadScore best = Alignments.mostDiagonalHead(w);
        assertThat(best.layer()).isZero();
        assertThat(best.head()).isZero();
        assertThatThrownBy(() -> Alignments.averageHeads(new float[][][][] {{{{1}}, {{1, 2}}}}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void extractUsesTheSourceAndChecksItsOutput() {
        float[][] diag = oneHot(straightPath(30, 10), 10);
        float[][][][] w = {{diag, uniform(30, 10)}, {diag, diag}};
        AlignmentSet set = Alignments.extract((ids, mel) -> w, null, null);
        assertThat(set.layers()).isEqualTo(2);
        assertThat(set.heads()).isEqualTo(2);
        assertThat(set.steps()).isEqualTo(30);
        assertThat(set.tokens()).isEqualTo(10);
        assertThat(set.layer(1)).isDeepEqualTo(diag);
        assertThat(set.mostDiagonalHead().diagonality()).isCloseTo(1.0, within(1e-9));
        assertThat(set.diagonality()).isBetween(0.5, 0.99);
        assertThatThrownBy(() -> Alignments.extract((ids, mel) -> new float[0][][][], null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("malformed");
    }
}
