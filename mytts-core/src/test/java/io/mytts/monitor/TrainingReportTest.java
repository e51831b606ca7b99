package io.mytts.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReportTest {

    @Test
    void runFolderRoundTripsMetrics(@TempDir Path dir) throws Exception {
        RunFolder run = RunFolder.create(dir);
        run.appendMetrics(10, java.util.Map.of("loss", 0.5));
        java.util.Map<String, Object> second = new java.util.LinkedHashMap<>();
        second.put("loss", Double.NaN);
        second.put("lr", 1e-4f);
        second.put("note", "rollback");
        run.appendMetrics(20, second);
        Files.writeString(run.metricsFile(), "not json\n{\"loss\": 1}\n", java.nio.file.StandardOpenOption.APPEND);
        RunFolder.Metrics m = run.readMetrics();
        assertThat(m.lines()).hasSize(2);
        assertThat(m.lines().get(0)).isEqualTo(new MetricsLine(10, java.util.Map.of("loss", 0.5)));
        assertThat(m.lines().get(1).values().get("loss")).isNaN();
        assertThat(m.lines().get(1).values().get("lr")).isEqualTo(1e-4); // a float is written in its shortest form
        assertThat(m.lines().get(1).values()).doesNotContainKey("note");
        assertThat(m.problems()).containsExactly("metrics.jsonl line 3: not JSON, skipped",
                "metrics.jsonl line 4: no integer \"step\", skipped");
        assertThat(run.alignmentFile(1200, "val0").getFileName().toString()).isEqualTo("step-00001200-val0.png");
        assertThat(run.sampleFile(7, "").getFileName().toString()).isEqualTo("step-00000007.wav");
    }

    @Test
    void filesAreOrderedByTheStepInTheirName(@TempDir Path dir) throws Exception {
        RunFolder run = RunFolder.create(dir);
        for (String name : List.of("step-900-a.png", "step-00010000-b.png", "step_50.png", "notes.png", "x.txt")) {
            Files.writeString(dir.resolve("alignments").resolve(name), "");
        }
        assertThat(run.alignments()).extracting(RunFile::step).containsExactly(-1L, 50L, 900L, 10000L);
        assertThat(run.alignments()).extracting(RunFile::tag).containsExactly("notes", "", "a", "b");
    }

    @Test
    void reportOfAFakeRunIsSelfContained(@TempDir Path dir) throws Exception {
        FakeRun.create(dir.resolve("run"));
        Path out = dir.resolve("report.html");
        TrainingReport.Summary summary = TrainingReport.builder().setRunFolder(dir.resolve("run")).build().write(out);
        String html = Files.readString(out);

        assertThat(summary.metricLines()).isEqualTo(FakeRun.LOG_LINES);
        assertThat(summary.lastStep()).isEqualTo(FakeRun.LAST_STEP);
        // losses, learning rate, gradient norms, diagonality, then steps/s, frames/s, rss.
        assertThat(summary.charts()).isEqualTo(7);
        assertThat(summary.alignmentPlots()).isEqualTo(2 + 3); // both of the latest step, one of each earlier step
        assertThat(summary.samples()).isEqualTo(2); // only the latest step's
        assertThat(summary.problems()).singleElement().asString().contains("line " + (FakeRun.LOG_LINES + 1));

        assertThat(count(html, "<svg class=\"chart\"")).isEqualTo(7);
        assertThat(count(html, "<img [^>]*src=\"data:image/png;base64,")).isEqualTo(5);
        assertThat(count(html, "<audio controls[^>]*src=\"data:audio/wav;base64,")).isEqualTo(2);
        assertThat(html).contains("Losses", "Learning rate", "Gradient norms", "Alignment diagonality");
        assertThat(html).contains("Hello &lt;world&gt; &amp; friends.");
        assertThat(html).contains("&quot;clip_mode&quot;");
        // Nothing is fetched: no external source, link, import or script.
        assertThat(html).doesNotContainPattern("(src|href)=\"(?!data:)");
        assertThat(html).doesNotContain("<script", "url(", "@import");
        // Each series is drawn: the loss polyline has a point per log line.
        Matcher m = Pattern.compile("<polyline[^>]*points=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1).trim().split(" ")).hasSize(FakeRun.LOG_LINES);
        // The statistics table shows the falling loss as improving and the rising diagonality too.
        assertThat(html).containsPattern("<td>loss</td>(<td class=\"num\">[^<]*</td>){5}<td class=\"trend improving\">");
        assertThat(html).containsPattern("<td>lr</td>(<td class=\"num\">[^<]*</td>){5}<td class=\"trend neutral\">\u2198 falling");
        assertThat(html).containsPattern("<td>diagonality</td>(<td class=\"num\">[^<]*</td>){5}<td class=\"trend improving\">");
    }

    @Test
    void aRunWithOnlyMetricsStillGivesAPage(@TempDir Path dir) {
        RunFolder run = RunFolder.create(dir);
        run.appendMetrics(0, java.util.Map.of("loss", 1.0));
        TrainingReport.Page page = TrainingReport.builder().setRunFolder(dir).build().render();
        assertThat(page.summary().charts()).isEqualTo(1);
        assertThat(page.html()).contains("No alignment plots", "No samples", "No config.json");
    }

    @Test
    void clearErrorsForWrongFolders(@TempDir Path dir) {
        assertThatThrownBy(() -> TrainingReport.builder().setRunFolder(dir.resolve("nope")).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such folder");
        assertThatThrownBy(() -> TrainingReport.builder().setRunFolder(dir).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no metrics.jsonl");
    }

    @Test
    void longSeriesAreThinnedKeepingSpikes() {
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i == 4321 ? 100 : 1;
        }
        double[][] thin = SvgChart.thin(new double[][] {x, y});
        assertThat(thin[0].length).isLessThanOrEqualTo(SvgChart.MAX_POINTS);
        assertThat(thin[1]).contains(100.0);
        assertThat(thin[0]).contains(0.0);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
