package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.mytts.config.ClipMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GradientClippingTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Random gradients with elements of the given scale, in float32. */
    private static Map<String, NDArray> gradients(NDManager m, Random r, double scale) {
        Map<String, NDArray> g = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            float[] v = new float[5 + r.nextInt(30)];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (r.nextGaussian() * scale * (i + 1));
            }
            g.put("layer" + i, m.create(v));
        }
        return g;
    }

    /** The L2 norm computed in Java from the array's values (independent of the code under test). */
    private static double norm(NDArray a) {
        double s = 0;
        for (float x : a.toFloatArray()) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    private static double globalNorm(Map<String, NDArray> g) {
        return Math.sqrt(g.values().stream().mapToDouble(a -> norm(a) * norm(a)).sum());
    }

    private static final double FLOAT_SLACK = 1 + 1e-6;

    @ParameterizedTest
    @CsvSource({"GLOBAL, 1", "GLOBAL, 2", "GLOBAL, 3", "PER_LAYER, 1", "PER_LAYER, 2", "PERCENTILE, 1",
        "PERCENTILE, 2", "NONE, 1"})
    void leavesNormsAtOrBelowTheLimit(ClipMode mode, long seed) {
        Random r = new Random(seed);
        GradientClipping clipping = GradientClipping.builder().setMode(mode).setMaxNorm(1.0)
                .optPercentile(50).optHistorySize(30).optMinHistory(5).build();
        try (NDManager m = manager.newSubManager()) {
            for (int step = 0; step < 40; step++) {
                Map<String, NDArray> g = gradients(m, r, Math.exp(r.nextGaussian() * 2) / 10);
                double before = globalNorm(g);
                double limitBefore = clipping.currentLimit();
                ClipResult res = clipping.clip(g);
                assertThat(res.normBefore()).isCloseTo(before, within(before * 1e-5));
                assertThat(globalNorm(g)).isCloseTo(res.normAfter(), within(before * 1e-5));
                assertThat(res.limit()).isEqualTo(limitBefore);
                switch (mode) {
                    case GLOBAL, PERCENTILE -> {
                        assertThat(globalNorm(g)).isLessThanOrEqualTo(res.limit() * FLOAT_SLACK);
                        assertThat(res.clipped()).isEqualTo(before > res.limit());
                        if (!res.clipped()) {
                            assertThat(globalNorm(g)).isEqualTo(before);
                        }
                    }
                    case PER_LAYER -> g.values().forEach(a ->
                            assertThat(norm(a)).isLessThanOrEqualTo(1.0 * FLOAT_SLACK));
                    case NONE -> {
                        assertThat(res.clipped()).isFalse();
                        assertThat(globalNorm(g)).isEqualTo(before);
                    }
                }
                if (mode == ClipMode.PERCENTILE) {
                    assertThat(res.limitFromHistory()).isEqualTo(step >= 5);
                }
                g.values().forEach(a -> assertThat(a.getDataType()).isEqualTo(DataType.FLOAT32));
            }
        }
    }

    @Test
    void percentileLimitComesFromTheRecentHistory() {
        GradientClipping c = GradientClipping.builder().setMode(ClipMode.PERCENTILE).setMaxNorm(100)
                .optPercentile(90).optHistorySize(11).optMinHistory(3).build();
        assertThat(c.currentLimit()).isEqualTo(100.0); // no history yet: max_norm
        c.restoreHistory(new double[] {99, 98, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        // Only the last 11 are kept: 3..11 plus 1, 2 → sorted 1..11, 90th percentile at rank 9 → 10.
        assertThat(c.history()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(c.currentLimit()).isCloseTo(10.0, within(1e-12));
        assertThat(GradientClipping.percentileOf(new double[] {4, 1, 3, 2}, 50)).isEqualTo(2.5);
    }

    @Test
    void historySavesAndRestoresForAnExactResume() {
        GradientClipping a = GradientClipping.builder().setMode(ClipMode.PERCENTILE).setMaxNorm(1)
                .optHistorySize(8).optMinHistory(2).build();
        Random r = new Random(7);
        try (NDManager m = manager.newSubManager()) {
            for (int i = 0; i < 12; i++) {
                a.clip(gradients(m, r, 0.1));
            }
            GradientClipping b = GradientClipping.builder().setMode(ClipMode.PERCENTILE).setMaxNorm(1)
                    .optHistorySize(8).optMinHistory(2).build();
            b.restoreHistory(a.history());
            assertThat(b.history()).containsExactly(a.history());
            for (int i = 0; i < 5; i++) {
                long seed = r.nextLong();
                ClipResult ra = a.clip(gradients(m, new Random(seed), 0.3));
                ClipResult rb = b.clip(gradients(m, new Random(seed), 0.3));
                assertThat(rb).isEqualTo(ra);
            }
        }
        assertThatThrownBy(() -> a.restoreHistory(new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonFiniteGradientsAreNotScaledNorRemembered() {
        GradientClipping c = GradientClipping.builder().setMode(ClipMode.GLOBAL).setMaxNorm(1).build();
        try (NDManager m = manager.newSubManager()) {
            NDArray bad = m.create(new float[] {1000, Float.NaN});
            ClipResult res = c.clip(Map.of("w", bad));
            assertThat(res.nonFinite()).isTrue();
            assertThat(res.clipped()).isFalse();
            assertThat(bad.toFloatArray()[0]).isEqualTo(1000f);
            assertThat(c.history()).isEmpty();
        }
    }

    @Test
    void clipsInPlaceWithoutNewArrays() {
        GradientClipping c = GradientClipping.builder().setMode(ClipMode.GLOBAL).setMaxNorm(1).build();
        try (NDManager m = manager.newSubManager()) {
            NDArray w = m.create(new float[] {30, 40});
            int before = m.getManagedArrays().size();
            ClipResult res = c.clip(Map.of("w", w));
            assertThat(m.getManagedArrays()).hasSize(before);
            assertThat(res.parameterNorms()).containsExactly(Map.entry("w", 50.0));
            assertThat(res.scale()).isCloseTo(1 / 50.0, within(1e-8));
            assertThat(w.toFloatArray()).containsExactly(new float[] {0.6f, 0.8f}, within(1e-6f));
        }
    }

    @Test
    void builderChecksItsSettings() {
        assertThatThrownBy(() -> GradientClipping.builder().setMaxNorm(1).build()).hasMessageContaining("setMode");
        assertThatThrownBy(() -> GradientClipping.builder().setMode(ClipMode.GLOBAL).build())
                .hasMessageContaining("setMaxNorm");
        assertThatThrownBy(() -> GradientClipping.builder().setMode(ClipMode.PERCENTILE).setMaxNorm(1)
                .optPercentile(0).build()).hasMessageContaining("percentile");
        GradientClipping fromConfig = GradientClipping.fromConfig(io.mytts.config.Presets.config("tiny").train());
        assertThat(fromConfig.mode()).isEqualTo(io.mytts.config.Presets.config("tiny").train().clipMode());
    }
}
