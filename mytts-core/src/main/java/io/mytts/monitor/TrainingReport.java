package io.mytts.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page about a training run (the format of {@link RunFolder}): charts of
 * the losses, learning rate, gradient norms, diagonality and every other logged metric against the
 * step (inline SVG); a table of recent statistics and trends ({@link MetricsAggregator}); the
 * latest alignment plots (PNG as base64 data URIs); players for the latest validation samples
 * (WAV as data URIs); and the run's configuration. It loads nothing from anywhere (a
 * Content-Security-Policy forbids it), so it opens offline and can be mailed as one file.
 *
 * <pre>{@code
 * TrainingReport.Summary s = TrainingReport.builder().setRunFolder(Path.of("runs/lj")).build()
 *         .write(Path.of("runs/lj/report.html"));
 * }</pre>
 */
public final class TrainingReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String CSP = "default-src 'none'; img-src data:; media-src data:; style-src 'unsafe-inline'";

    private final RunFolder run;
    private final int summaryWindow;
    private final int maxAlignmentPlots;
    private final int maxEarlierAlignments;
    private final int maxSamples;
    private final long maxEmbeddedBytes;

    private TrainingReport(Builder b) {
        this.run = RunFolder.open(b.runFolder);
        this.summaryWindow = b.summaryWindow;
        this.maxAlignmentPlots = b.maxAlignmentPlots;
        this.maxEarlierAlignments = b.maxEarlierAlignments;
        this.maxSamples = b.maxSamples;
        this.maxEmbeddedBytes = b.maxEmbeddedBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What a report holds.
     *
     * @param metricLines lines of metrics.jsonl read
     * @param lastStep the last step logged, or -1
     * @param charts charts drawn
     * @param alignmentPlots alignment plots embedded
     * @param samples audio samples embedded
     * @param problems what could not be read or embedded, one line each
     */
    public record Summary(int metricLines, long lastStep, int charts, int alignmentPlots, int samples,
            List<String> problems) {
        public Summary {
            problems = List.copyOf(problems);
        }
    }

    /** The page and what it holds. */
    public record Page(String html, Summary summary) {}

    /** Writes the page to a file (through a temporary file, so a reader never sees half a page). */
    public Summary write(Path out) {
        Page page = render();
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".report", ".html.tmp");
            Files.writeString(tmp, page.html(), StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + out, e);
        }
        return page.summary();
    }

    /** Builds the page in memory. */
    public Page render() {
        RunFolder.Metrics metrics = run.readMetrics();
        List<String> problems = new ArrayList<>(metrics.problems());
        List<MetricsLine> lines = metrics.lines();
        long lastStep = lines.isEmpty() ? -1 : lines.get(lines.size() - 1).step();

        StringBuilder body = new StringBuilder();
        List<SvgChart> charts = MetricCharts.charts(lines);
        String table = statisticsTable(lines);
        int[] alignmentCount = {0};
        String alignments = alignmentSection(problems, alignmentCount);
        String durations = durationSection(problems, alignmentCount);
        int[] sampleCount = {0};
        String samples = sampleSection(problems, sampleCount);

        String name = run.dir().toAbsolutePath().normalize().getFileName() == null
                ? run.dir().toString() : run.dir().toAbsolutePath().normalize().getFileName().toString();
        body.append("<header><h1>Training report: ").append(Html.escape(name)).append("</h1>");
        body.append("<p class=\"meta\">").append(Html.escape(run.dir().toAbsolutePath().normalize().toString()))
                .append(" &middot; generated ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now()))
                .append(" &middot; ").append(lines.size()).append(" log lines");
        if (lastStep >= 0) {
            body.append(" &middot; last step ").append(lastStep);
            Double elapsed = lines.get(lines.size() - 1).values().get("elapsed_s");
            if (elapsed != null && Double.isFinite(elapsed)) {
                body.append(String.format(Locale.ROOT, " &middot; %.1f h", elapsed / 3600));
            }
        }
        body.append("</p></header>\n");
        if (!problems.isEmpty()) {
            body.append("<section class=\"problems\"><h2>Problems</h2><ul>");
            problems.forEach(p -> body.append("<li>").append(Html.escape(p)).append("</li>"));
            body.append("</ul></section>\n");
        }
        body.append(table);
        body.append("<section><h2>Metrics</h2>");
        if (charts.isEmpty()) {
            body.append("<p class=\"empty\">No metrics logged yet.</p>");
        } else {
            body.append("<div class=\"charts\">");
            charts.forEach(c -> body.append("<figure>").append(c.toSvg()).append("</figure>\n"));
            body.append("</div>");
        }
        body.append("</section>\n");
        body.append(alignments).append(durations).append(samples).append(configSection(problems));

        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>MyTTS training report: " + Html.escape(name) + "</title>"
                + "<style>" + STYLE + "</style></head>\n<body>\n" + body + "</body></html>\n";
        return new Page(html, new Summary(lines.size(), lastStep, charts.size(), alignmentCount[0], sampleCount[0],
                problems));
    }

    private String statisticsTable(List<MetricsLine> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        MetricsAggregator aggregator = new MetricsAggregator(summaryWindow);
        for (MetricsLine line : lines) {
            for (String key : line.values().keySet()) {
                if (MetricCharts.higherIsBetter(key)) {
                    aggregator.higherIsBetter(key);
                }
            }
            aggregator.update(line.values());
        }
        Map<String, MetricStatistics> stats = new LinkedHashMap<>(aggregator.getAllStatistics());
        stats.remove("elapsed_s");
        StringBuilder b = new StringBuilder("<section><h2>Recent statistics</h2><p class=\"meta\">Over the last ")
                .append(summaryWindow).append(" log lines of each metric. Trend: the slope of a least-squares line,"
                        + " flat when within 1% or within noise; lower is better except for diagonality and speed; the learning rate only rises or falls.</p>");
        b.append("<table><thead><tr><th>metric</th><th>last</th><th>mean</th><th>std</th><th>min</th><th>max</th>"
                + "<th>trend</th></tr></thead><tbody>");
        for (MetricStatistics s : stats.values()) {
            String arrow = s.slope() > 0 ? "\u2197 " : s.slope() < 0 ? "\u2198 " : "";
            b.append("<tr><td>").append(Html.escape(s.name())).append("</td>");
            for (double v : new double[] {s.last(), s.mean(), s.std(), s.min(), s.max()}) {
                b.append("<td class=\"num\">").append(String.format(Locale.ROOT, "%.4g", v)).append("</td>");
            }
            String trend = s.trend().name().toLowerCase(Locale.ROOT);
            String word = trend;
            if (MetricCharts.isLearningRate(s.name()) && s.trend() != Trend.FLAT) {
                // Neither better nor worse: the schedule's doing.
                trend = "neutral";
                word = s.slope() > 0 ? "rising" : "falling";
            }
            b.append("<td class=\"trend ").append(trend).append("\">")
                    .append(s.trend() == Trend.FLAT ? "" : arrow).append(word).append("</td></tr>");
        }
        b.append("</tbody></table></section>\n");
        return b.toString();
    }

    private String alignmentSection(List<String> problems, int[] count) {
        List<RunFile> files = run.alignments();
        StringBuilder b = new StringBuilder("<section><h2>Alignments</h2>");
        if (files.isEmpty()) {
            b.append("<p class=\"empty\">No alignment plots in ").append(RunFolder.ALIGNMENTS_DIR).append("/ yet.</p>");
            return b.append("</section>\n").toString();
        }
        long latest = files.get(files.size() - 1).step();
        List<RunFile> newest = files.stream().filter(f -> f.step() == latest).limit(maxAlignmentPlots).toList();
        b.append("<h3>").append(latest >= 0 ? "Step " + latest : "Latest").append("</h3><div class=\"images\">");
        for (RunFile f : newest) {
            count[0] += image(b, f, "large", problems);
        }
        b.append("</div>");
        List<Long> earlierSteps = files.stream().map(RunFile::step).filter(s -> s != latest).distinct().toList();
        if (!earlierSteps.isEmpty() && maxEarlierAlignments > 0) {
            b.append("<h3>Earlier steps</h3><div class=\"images\">");
            for (long step : evenlySpaced(earlierSteps, maxEarlierAlignments)) {
                RunFile first = files.stream().filter(f -> f.step() == step).findFirst().orElseThrow();
                count[0] += image(b, first, "small", problems);
            }
            b.append("</div>");
        }
        return b.append("</section>\n").toString();
    }

    /**
     * A forward model's duration plots of the latest step (target against predicted frames per
     * token); no section for a run that has none. They count with the alignment plots.
     */
    private String durationSection(List<String> problems, int[] count) {
        List<RunFile> files = run.durations();
        if (files.isEmpty()) {
            return "";
        }
        long latest = files.get(files.size() - 1).step();
        StringBuilder b = new StringBuilder("<section><h2>Durations</h2><h3>")
                .append(latest >= 0 ? "Step " + latest : "Latest").append("</h3><div class=\"images\">");
        for (RunFile f : files.stream().filter(x -> x.step() == latest).limit(maxAlignmentPlots).toList()) {
            count[0] += image(b, f, "large", "image/svg+xml", "durations", problems);
        }
        return b.append("</div></section>\n").toString();
    }

    private int image(StringBuilder b, RunFile f, String size, List<String> problems) {
        return image(b, f, size, "image/png", "alignment", problems);
    }

    private int image(StringBuilder b, RunFile f, String size, String type, String what, List<String> problems) {
        byte[] bytes = embeddable(f.path(), problems);
        if (bytes == null) {
            return 0;
        }
        String caption = caption(f);
        b.append("<figure class=\"").append(size).append("\"><img alt=\"").append(what).append(' ').append(Html.escape(caption))
                .append("\" src=\"data:").append(type).append(";base64,").append(Base64.getEncoder().encodeToString(bytes))
                .append("\"><figcaption>").append(Html.escape(caption)).append("</figcaption></figure>");
        return 1;
    }

    private String sampleSection(List<String> problems, int[] count) {
        List<RunFile> files = run.samples();
        StringBuilder b = new StringBuilder("<section><h2>Validation samples</h2>");
        if (files.isEmpty()) {
            b.append("<p class=\"empty\">No samples in ").append(RunFolder.SAMPLES_DIR).append("/ yet.</p>");
            return b.append("</section>\n").toString();
        }
        long latest = files.get(files.size() - 1).step();
        b.append("<h3>").append(latest >= 0 ? "Step " + latest : "Latest").append("</h3><div class=\"samples\">");
        for (RunFile f : files.stream().filter(x -> x.step() == latest).limit(maxSamples).toList()) {
            byte[] bytes = embeddable(f.path(), problems);
            if (bytes == null) {
                continue;
            }
            b.append("<div class=\"sample\"><div class=\"label\">").append(Html.escape(caption(f))).append("</div>");
            String text = sampleText(f.path());
            if (text != null) {
                b.append("<div class=\"text\">").append(Html.escape(text)).append("</div>");
            }
            b.append("<audio controls preload=\"metadata\" src=\"data:audio/wav;base64,")
                    .append(Base64.getEncoder().encodeToString(bytes)).append("\"></audio></div>");
            count[0]++;
        }
        return b.append("</div></section>\n").toString();
    }

    private static String sampleText(Path wav) {
        String name = wav.getFileName().toString();
        Path txt = wav.resolveSibling(name.substring(0, name.length() - 4) + ".txt");
        try {
            return Files.isRegularFile(txt) ? Files.readString(txt, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    private String configSection(List<String> problems) {
        Path file = run.configFile();
        if (!Files.isRegularFile(file)) {
            return "<section><h2>Configuration</h2><p class=\"empty\">No " + RunFolder.CONFIG_FILE
                    + " in the run folder.</p></section>\n";
        }
        String text;
        try {
            JsonNode node = JSON.readTree(file.toFile());
            text = JSON.writeValueAsString(node);
        } catch (IOException e) {
            problems.add(RunFolder.CONFIG_FILE + ": not valid JSON, shown as it is");
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e2) {
                text = "(unreadable)";
            }
        }
        return "<section><h2>Configuration</h2><details><summary>" + RunFolder.CONFIG_FILE + "</summary><pre>"
                + Html.escape(text) + "</pre></details></section>\n";
    }

    private byte[] embeddable(Path file, List<String> problems) {
        String shown = run.dir().relativize(file).toString();
        try {
            long size = Files.size(file);
            if (size > maxEmbeddedBytes) {
                problems.add(shown + ": " + size / 1_000_000 + " MB, too large to embed; left out");
                return null;
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(shown + ": cannot be read (" + e.getMessage() + "); left out");
            return null;
        }
    }

    private static String caption(RunFile f) {
        if (f.step() < 0) {
            return f.tag();
        }
        return "step " + f.step() + (f.tag().isEmpty() ? "" : ", " + f.tag());
    }

    /** Up to {@code n} values spread evenly over the list, first and last included. */
    static List<Long> evenlySpaced(List<Long> values, int n) {
        if (values.size() <= n) {
            return values;
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long v = values.get((int) Math.round(i * (values.size() - 1) / (double) (n - 1)));
            if (out.isEmpty() || out.get(out.size() - 1) != v) {
                out.add(v);
            }
        }
        return out;
    }

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;background:#fafafa}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}
            h3{font-size:14px;margin:12px 0 6px;color:#555}.meta{color:#666;font-size:13px;margin:4px 0}
            .problems{background:#fff4e5;border:1px solid #f0c36d;padding:4px 12px}
            .charts{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0}
            svg.chart{border:1px solid #ddd;background:#fff;max-width:100%;height:auto}
            table{border-collapse:collapse;font-size:13px;background:#fff}
            th,td{border:1px solid #ddd;padding:3px 8px;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
            td.improving{color:#1a7f37}td.worsening{color:#c62828}td.flat,td.neutral{color:#777}
            .images{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}
            figure.large img{max-width:100%;border:1px solid #ddd}figure.small img{width:360px;border:1px solid #ddd}
            figcaption{font-size:12px;color:#555}
            .samples{display:flex;flex-direction:column;gap:10px}.sample{background:#fff;border:1px solid #ddd;padding:8px}
            .sample .label{font-size:12px;color:#555}.sample .text{margin:4px 0}
            pre{background:#fff;border:1px solid #ddd;padding:8px;font-size:12px;overflow:auto}.empty{color:#888}
            """;

    /** Builder of {@link TrainingReport}: {@code setRunFolder} is required. */
    public static final class Builder {
        private Path runFolder;
        private int summaryWindow = 100;
        private int maxAlignmentPlots = 8;
        private int maxEarlierAlignments = 4;
        private int maxSamples = 8;
        private long maxEmbeddedBytes = 20_000_000;

        private Builder() {}

        /** The run folder to report on. */
        public Builder setRunFolder(Path runFolder) {
            this.runFolder = runFolder;
            return this;
        }

        /** How many recent log lines the statistics table covers (default 100). */
        public Builder optSummaryWindow(int lines) {
            this.summaryWindow = lines;
            return this;
        }

        /** How many plots of the latest step to show (default 8), and of earlier steps (default 4). */
        public Builder optMaxAlignmentPlots(int latest, int earlier) {
            this.maxAlignmentPlots = latest;
            this.maxEarlierAlignments = earlier;
            return this;
        }

        /** How many samples of the latest step to embed (default 8). */
        public Builder optMaxSamples(int samples) {
            this.maxSamples = samples;
            return this;
        }

        /** Files larger than this are left out (default 20 MB). */
        public Builder optMaxEmbeddedBytes(long bytes) {
            this.maxEmbeddedBytes = bytes;
            return this;
        }

        /**
         * @throws io.mytts.InvalidInputException if the run folder does not exist or holds no metrics.jsonl
         */
        public TrainingReport build() {
            if (runFolder == null) {
                throw new IllegalArgumentException("setRunFolder is required");
            }
            if (summaryWindow < 1 || maxAlignmentPlots < 0 || maxEarlierAlignments < 0 || maxSamples < 0
                    || maxEmbeddedBytes < 0) {
                throw new IllegalArgumentException("report limits must be positive");
            }
            return new TrainingReport(this);
        }
    }
}
