package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GradientAnalysisTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void normsAndStatistics() {
        Map<String, NDArray> g = new LinkedHashMap<>();
        g.put("a", manager.create(new float[] {3, 4}));          // 5
        g.put("b", manager.create(new float[][] {{1, 2}, {2, 0}})); // 3
        g.put("c", manager.create(new float[] {0, 0, 12}));      // 12
        g.put("d", manager.create(new float[] {1}));             // 1
        GradientReport r = GradientAnalysis.analyze(g, 1.0);
        assertThat(r.norms()).containsExactly(Map.entry("a", 5.0), Map.entry("b", 3.0), Map.entry("c", 12.0),
                Map.entry("d", 1.0));
        assertThat(r.min()).isEqualTo(1.0);
        assertThat(r.max()).isEqualTo(12.0);
        assertThat(r.mean()).isCloseTo(21.0 / 4, within(1e-12));
        assertThat(r.median()).isCloseTo(4.0, within(1e-12));
        assertThat(r.globalNorm()).isCloseTo(Math.sqrt(25 + 9 + 144 + 1), within(1e-9));
        assertThat(r.largest().get(0)).isEqualTo(new GradientReport.ParameterNorm("c", 12.0));
        assertThat(r.smallest().get(0)).isEqualTo(new GradientReport.ParameterNorm("d", 1.0));
        assertThat(r.exploding()).containsExactly("c");
        assertThat(r.isExploding()).isTrue();
        assertThat(r.warnings()).singleElement().asString().startsWith("exploding");
        assertThat(GradientAnalysis.analyze(g, 2.0).warnings()).isEmpty();
    }

    @Test
    void flagsVanishingAndNonFinite() {
        Map<String, NDArray> g = new LinkedHashMap<>();
        g.put("tiny", manager.create(new float[] {1e-9f, -1e-9f}));
        g.put("fine", manager.create(new float[] {0.5f}));
        g.put("nan", manager.create(new float[] {1, Float.NaN}));
        g.put("inf", manager.create(new float[] {Float.POSITIVE_INFINITY}));
        GradientReport r = GradientAnalysis.analyze(g, 1.0);
        assertThat(r.vanishing()).containsExactly("tiny");
        assertThat(r.norms().get("tiny")).isCloseTo(Math.sqrt(2) * 1e-9, within(1e-12));
        assertThat(r.nonFinite()).containsExactly("nan", "inf");
        assertThat(r.hasNonFinite()).isTrue();
        assertThat(r.globalNorm()).isNaN();
        assertThat(r.max()).isEqualTo(0.5);
        assertThat(r.warnings()).hasSize(2);
        assertThat(r.warnings().get(0)).contains("non-finite").contains("nan, inf");
        assertThat(r.warnings().get(1)).contains("vanishing").contains("tiny");
    }

    @Test
    void leavesNoArraysBehind() {
        try (NDManager step = manager.newSubManager()) {
            Map<String, NDArray> g = Map.of("w", step.randomNormal(new ai.djl.ndarray.types.Shape(64, 64)));
            int before = step.getManagedArrays().size();
            for (int i = 0; i < 10; i++) {
                GradientAnalysis.analyze(g, 1.0);
            }
            assertThat(step.getManagedArrays()).hasSize(before);
        }
    }
}
