package io.mytts.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LongTextBenchmarkTest {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 500, 100_000})
    void theTextHasTheSizeAskedForAndDependsOnlyOnTheSeed(int bytes) {
        String a = LongTextBenchmark.text(bytes, 1);
        assertThat(a).hasSize(bytes).isEqualTo(LongTextBenchmark.text(bytes, 1));
        if (bytes > 1000) {
            assertThat(a).isNotEqualTo(LongTextBenchmark.text(bytes, 2));
            assertThat(a).contains(". ").containsPattern("\\d");
        }
    }

    @ParameterizedTest(name = "growth {0}")
    @ValueSource(doubles = {0.0, 0.04, 0.25})
    void growthIsFromTheFirstReadingAfterAMinuteToTheLast(double growth) {
        long base = 500_000_000L;
        List<LongTextBenchmark.Sample> samples = List.of(
                new LongTextBenchmark.Sample(0, 100_000_000L, 0, 0, 0, 0),
                new LongTextBenchmark.Sample(45, 400_000_000L, 0, 0, 3, 10),
                new LongTextBenchmark.Sample(61, base, 0, 0, 5, 20),
                new LongTextBenchmark.Sample(120, base * 2, 0, 0, 9, 40),
                new LongTextBenchmark.Sample(180, Math.round(base * (1 + growth)), 0, 0, 12, 60));
        LongTextBenchmark.Report r = new LongTextBenchmark.Report(1000, samples, false);
        assertThat(r.at(60).seconds()).isEqualTo(61);
        assertThat(r.growthAfterFirstMinute()).isCloseTo(growth, within(1e-9));
        assertThat(r.peakAfterFirstMinute()).isEqualTo(base * 2);
    }

    @ParameterizedTest(name = "warm-up of {0} sentences")
    @ValueSource(longs = {0, 9, 10, 12, 100})
    void afterWarmUpIsTheFirstReadingPastAMinuteAndThatManySentences(long sentences) {
        List<LongTextBenchmark.Sample> samples = List.of(
                new LongTextBenchmark.Sample(30, 200_000_000L, 0, 0, 20, 10),
                new LongTextBenchmark.Sample(61, 400_000_000L, 0, 0, 5, 20),
                new LongTextBenchmark.Sample(120, 500_000_000L, 0, 0, 10, 40),
                new LongTextBenchmark.Sample(180, 520_000_000L, 0, 0, 12, 60),
                new LongTextBenchmark.Sample(240, 510_000_000L, 0, 0, 14, 80));
        LongTextBenchmark.Report r = new LongTextBenchmark.Report(1000, samples, false);
        LongTextBenchmark.Sample warm = r.afterWarmUp(sentences);
        // Never before the first minute, even where the sentences were reached (the reading at 30 s).
        double expected = sentences <= 5 ? 61 : sentences <= 10 ? 120 : sentences <= 12 ? 180 : 240;
        assertThat(warm.seconds()).isEqualTo(expected);
        assertThat(r.growthFrom(warm)).isCloseTo(510.0 / (warm.residentBytes() / 1e6) - 1, within(1e-9));
        assertThat(r.peakFrom(warm)).isEqualTo(warm.seconds() <= 180 ? 520_000_000L : 510_000_000L);
        assertThat(r.afterWarmUp(0)).isEqualTo(r.at(60));
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(doubles = {0.0, 0.03, 0.2})
    void medianGrowthComparesTheLevelsOfTheFirstAndLastWindowsNotTheirSwings(double level) {
        // Readings every 10 s that swing by +-2% around a level (+-8% at the two ends); the last 2 minutes' level is 1 + level
        // times the first's, and the very last reading is a peak, the reading at 60 s a trough.
        List<LongTextBenchmark.Sample> samples = new java.util.ArrayList<>();
        samples.add(new LongTextBenchmark.Sample(10, 1, 0, 0, 0, 0)); // before the first minute: not counted
        for (int t = 60; t <= 600; t += 10) {
            double base = t > 480 ? 500e6 * (1 + level) : 500e6;
            double swing = t == 60 ? -0.08 : t == 600 ? 0.08 : (t / 10 % 3 - 1) * 0.02; // -2%, 0, +2% in turn
            samples.add(new LongTextBenchmark.Sample(t, Math.round(base * (1 + swing)), 0, 0, 0, 0));
        }
        LongTextBenchmark.Report r = new LongTextBenchmark.Report(1000, samples, true);
        assertThat(r.medianGrowth(120)).isCloseTo(level, within(0.005));
        // The single readings at the two ends say far more.
        assertThat(r.growthAfterFirstMinute()).isGreaterThan(level + 0.15);
        assertThat(r.medianResident(60, 180)).isCloseTo(500e6, within(0.005 * 500e6));
        java.io.StringWriter text = new java.io.StringWriter();
        LongTextBenchmark.summarize(r, new java.io.PrintWriter(text, true));
        assertThat(text.toString()).contains("medians of 2-minute windows")
                .contains(String.format(java.util.Locale.ROOT, "%+.1f%%", 100 * r.medianGrowth(120)));
    }

    @org.junit.jupiter.api.Test
    void medianGrowthNeedsTwoWindowsAfterTheFirstMinute() {
        List<LongTextBenchmark.Sample> samples = List.of(new LongTextBenchmark.Sample(60, 500, 0, 0, 0, 0),
                new LongTextBenchmark.Sample(200, 600, 0, 0, 0, 0));
        LongTextBenchmark.Report r = new LongTextBenchmark.Report(1000, samples, true);
        assertThat(r.medianGrowth(120)).isNaN();
        assertThat(r.medianGrowth(60)).isCloseTo(0.2, within(1e-9));
    }

    @ParameterizedTest(name = "slope {0} MB a minute")
    @ValueSource(doubles = {0.0, 3.0, -2.5})
    void theTrendIsTheSlopeOfTheReadingsFromTheFirstMinuteOn(double mbPerMinute) {
        List<LongTextBenchmark.Sample> samples = new java.util.ArrayList<>();
        samples.add(new LongTextBenchmark.Sample(10, 1, 0, 0, 0, 0)); // before the first minute: not counted
        for (int t = 60; t <= 300; t += 15) {
            long rss = Math.round(600e6 + mbPerMinute * 1e6 * (t - 60) / 60 + (t % 30 == 0 ? 5e6 : -5e6));
            samples.add(new LongTextBenchmark.Sample(t, rss, 0, 0, 0, 0));
        }
        LongTextBenchmark.Report r = new LongTextBenchmark.Report(1000, samples, true);
        assertThat(r.trendBytesPerMinute() / 1e6).isCloseTo(mbPerMinute, within(0.5));
    }
}
