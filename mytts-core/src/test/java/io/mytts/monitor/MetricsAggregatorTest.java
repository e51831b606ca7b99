package io.mytts.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MetricsAggregatorTest {

    @Test
    void statisticsOverTheWindow() {
        MetricsAggregator agg = new MetricsAggregator(4);
        for (double v : new double[] {100, 1, 2, 3, 6}) {
            agg.update(Map.of("loss", v));
        }
        MetricStatistics s = agg.getStatistics("loss");
        // Window: 1, 2, 3, 6 → mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5.
        assertThat(s.mean()).isCloseTo(3.0, within(1e-12));
        assertThat(s.std()).isCloseTo(Math.sqrt(3.5), within(1e-12));
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(6.0);
        assertThat(s.last()).isEqualTo(6.0);
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.totalCount()).isEqualTo(5);
        // Slope of 1, 2, 3, 6 against 0..3: sxy = (-1.5)(-2) + (-0.5)(-1) + 0.5*0 + 1.5*3 = 8, sxx = 5.
        assertThat(s.slope()).isCloseTo(1.6, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void trendsOfNoisySyntheticSeries(long seed) {
        Random r = new Random(seed);
        MetricsAggregator agg = new MetricsAggregator(100).higherIsBetter("diagonality");
        for (int i = 0; i < 150; i++) {
            double noise = r.nextGaussian() * 0.05;
            agg.update(Map.of(
                    "falling_loss", 2.0 - 0.01 * i + noise,
                    "rising_loss", 1.0 + 0.01 * i + noise,
                    "flat_loss", 1.0 + noise,
                    "diagonality", 0.1 + 0.005 * i + noise / 10));
        }
        Map<String, MetricStatistics> all = agg.getAllStatistics();
        assertThat(all.get("falling_loss").trend()).isEqualTo(Trend.IMPROVING);
        assertThat(all.get("rising_loss").trend()).isEqualTo(Trend.WORSENING);
        assertThat(all.get("flat_loss").trend()).isEqualTo(Trend.FLAT);
        assertThat(all.get("diagonality").trend()).isEqualTo(Trend.IMPROVING);
        assertThat(all.get("falling_loss").slope()).isCloseTo(-0.01, within(0.002));
    }

    @Test
    void directionCanBeSetPerMetric() {
        MetricsAggregator agg = new MetricsAggregator(10).higherIsBetter("x").lowerIsBetter("x");
        for (int i = 0; i < 10; i++) {
            agg.update("x", i);
        }
        assertThat(agg.getStatistics("x").trend()).isEqualTo(Trend.WORSENING);
        agg.higherIsBetter("x");
        assertThat(agg.getStatistics("x").trend()).isEqualTo(Trend.IMPROVING);
    }

    @Test
    void tinyDriftAndShortWindowsAreFlat() {
        MetricsAggregator agg = new MetricsAggregator(50);
        for (int i = 0; i < 50; i++) {
            agg.update("loss", 1.0 + 1e-5 * i); // 0.05% change across the window
        }
        agg.update("short", 1);
        agg.update("short", 5);
        assertThat(agg.getStatistics("loss").trend()).isEqualTo(Trend.FLAT);
        assertThat(agg.getStatistics("short").trend()).isEqualTo(Trend.FLAT);
    }

    @Test
    void nonFiniteValuesAreCountedNotAveraged() {
        MetricsAggregator agg = new MetricsAggregator(10);
        agg.update("loss", 1);
        agg.update("loss", Double.NaN);
        agg.update("loss", 3);
        agg.update("never", Double.POSITIVE_INFINITY);
        MetricStatistics s = agg.getStatistics("loss");
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.nonFiniteCount()).isEqualTo(1);
        assertThat(agg.getStatistics("never")).isNull();
        assertThat(agg.getAllStatistics()).containsOnlyKeys("loss");
    }
}
