package io.mytts.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PositionsTest {

    /** Score of a query rotated at position {@code qPos} with a key rotated at {@code kPos}. */
    private static float score(NDManager m, NDArray q, NDArray k, int qPos, int kPos, int dim) {
        NDArray rq = Positions.rotary(m, qPos, 1, dim).apply(q);
        NDArray rk = Positions.rotary(m, kPos, 1, dim).apply(k);
        return rq.mul(rk).sum().getFloat();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void ropeScoresDependOnlyOnTheOffset(int seed) {
        java.util.Random random = new java.util.Random(seed);
        int dim = 8;
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed((int) seed);
            NDArray q = m.randomNormal(new Shape(1, 1, 1, dim));
            NDArray k = m.randomNormal(new Shape(1, 1, 1, dim));
            int qPos = random.nextInt(50);
            int kPos = random.nextInt(50);
            int shift = 1 + random.nextInt(200);
            float base = score(m, q, k, qPos, kPos, dim);
            assertThat(score(m, q, k, qPos + shift, kPos + shift, dim)).isCloseTo(base, within(1e-4f));
            // Another offset gives another score (so the test can fail).
            assertThat(Math.abs(score(m, q, k, qPos + 3, kPos, dim) - base)).isGreaterThan(1e-4f);
            // Rotation keeps the norm.
            NDArray rq = Positions.rotary(m, qPos, 1, dim).apply(q);
            assertThat(rq.norm().getFloat()).isCloseTo(q.norm().getFloat(), within(1e-4f));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7})
    void sinusoidalMatchesTheFormula(int start) {
        int dim = 6;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray pe = Positions.sinusoidal(m, start, 3, dim);
            for (int p = 0; p < 3; p++) {
                for (int i = 0; i < dim / 2; i++) {
                    double angle = (start + p) / Math.pow(10000, 2.0 * i / dim);
                    assertThat(pe.get(new NDIndex("{}, {}", p, 2 * i)).getFloat())
                            .isCloseTo((float) Math.sin(angle), within(1e-6f));
                    assertThat(pe.get(new NDIndex("{}, {}", p, 2 * i + 1)).getFloat())
                            .isCloseTo((float) Math.cos(angle), within(1e-6f));
                }
            }
        }
    }
}
