package io.mytts.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder a training run writes, and that {@code mytts report} reads. Its format:
 *
 * <pre>
 * RUN/
 *   config.json            the resolved configuration (model, audio, train) of the run
 *   metrics.jsonl          one JSON object per log line, appended as training goes
 *   alignments/            alignment plots (PNG), step-&lt;step&gt;[-&lt;tag&gt;].png
 *   samples/               validation audio (WAV), step-&lt;step&gt;[-&lt;tag&gt;].wav,
 *                          with its text in step-&lt;step&gt;[-&lt;tag&gt;].txt (optional)
 * </pre>
 *
 * <p>Each line of {@code metrics.jsonl} is a flat JSON object with an integer {@code step} and any
 * number of numeric values. The report knows these keys (all optional):
 * <table>
 *   <caption>metrics.jsonl keys</caption>
 *   <tr><th>key</th><th>meaning</th></tr>
 *   <tr><td>{@code step}</td><td>optimizer step (required)</td></tr>
 *   <tr><td>{@code elapsed_s}</td><td>seconds since the run started</td></tr>
 *   <tr><td>{@code loss}, {@code mel_loss}, {@code postnet_loss}, {@code stop_loss},
 *       {@code guided_attn_loss}</td><td>training losses; any key ending in {@code loss} is
 *       plotted with the losses</td></tr>
 *   <tr><td>{@code val_loss}, {@code val_mel_loss}, ...</td><td>validation losses, on the lines
 *       written after a validation</td></tr>
 *   <tr><td>{@code lr}</td><td>learning rate</td></tr>
 *   <tr><td>{@code grad_norm}, {@code grad_norm_clipped}, {@code grad_norm_min},
 *       {@code grad_norm_max}</td><td>global gradient norm before and after clipping, smallest
 *       and largest parameter norm; any key starting with {@code grad_norm}</td></tr>
 *   <tr><td>{@code diagonality}, {@code val_diagonality}</td><td>alignment diagonality (any key
 *       containing {@code diagonality})</td></tr>
 *   <tr><td>{@code steps_per_s}, {@code frames_per_s}</td><td>training speed</td></tr>
 *   <tr><td>{@code rss_mb}, {@code heap_mb}</td><td>memory</td></tr>
 * </table>
 * Other numeric keys get a chart each; strings and booleans are kept in the file but not plotted.
 * Step numbers in file names may be zero-padded; the newest step's files are the "latest" ones.
 */
public final class RunFolder {

    public static final String CONFIG_FILE = "config.json";
    public static final String METRICS_FILE = "metrics.jsonl";
    public static final String ALIGNMENTS_DIR = "alignments";
    public static final String SAMPLES_DIR = "samples";
    /** A forward model's duration plots, target against predicted frames per token. */
    public static final String DURATIONS_DIR = "durations";

    private static final Pattern STEP_NAME = Pattern.compile("step[-_]?(\\d+)(?:[-_](.+))?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /** Creates the folder and its sub-folders if needed, for a trainer to write into. */
    public static RunFolder create(Path dir) {
        try {
            Files.createDirectories(dir.resolve(ALIGNMENTS_DIR));
            Files.createDirectories(dir.resolve(SAMPLES_DIR));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder " + dir, e);
        }
        return new RunFolder(dir);
    }

    /**
     * Opens an existing run folder for reading.
     *
     * @throws InvalidInputException if it is not a folder or holds no metrics.jsonl
     */
    public static RunFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": no such folder; give the folder of a training run"
                    + " (the one holding " + METRICS_FILE + ")");
        }
        if (!Files.isRegularFile(dir.resolve(METRICS_FILE))) {
            throw new InvalidInputException(dir + ": no " + METRICS_FILE + " in this folder; is it a training"
                    + " run folder? (a run holds " + METRICS_FILE + ", " + CONFIG_FILE + ", " + ALIGNMENTS_DIR
                    + "/ and " + SAMPLES_DIR + "/)");
        }
        return new RunFolder(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path configFile() {
        return dir.resolve(CONFIG_FILE);
    }

    public Path metricsFile() {
        return dir.resolve(METRICS_FILE);
    }

    /** Where the alignment plot of a step goes, e.g. {@code alignments/step-00001200-val0.png}. */
    public Path alignmentFile(long step, String tag) {
        return dir.resolve(ALIGNMENTS_DIR).resolve(fileName(step, tag, "png"));
    }

    /** Where the duration plot of a step goes, e.g. {@code durations/step-00001200-dur0.svg}. */
    public Path durationFile(long step, String tag) {
        return dir.resolve(DURATIONS_DIR).resolve(fileName(step, tag, "svg"));
    }

    /** Where the validation sample of a step goes, e.g. {@code samples/step-00001200-val0.wav}. */
    public Path sampleFile(long step, String tag) {
        return dir.resolve(SAMPLES_DIR).resolve(fileName(step, tag, "wav"));
    }

    /** Where the text of a validation sample goes (shown beside its player). */
    public Path sampleTextFile(long step, String tag) {
        return dir.resolve(SAMPLES_DIR).resolve(fileName(step, tag, "txt"));
    }

    private static String fileName(long step, String tag, String ext) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be 0 or more, not " + step);
        }
        if (tag != null && !tag.matches("[A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("a tag holds only letters, digits, '_', '.' and '-': " + tag);
        }
        return String.format(Locale.ROOT, "step-%08d%s.%s", step, tag == null || tag.isEmpty() ? "" : "-" + tag, ext);
    }

    /**
     * Appends one line to {@code metrics.jsonl} and flushes it, so that a crash loses nothing that
     * was logged.
     *
     * @param step the training step
     * @param values the values of this line (numbers, strings or booleans), by key
     */
    public void appendMetrics(long step, Map<String, ?> values) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if ("step".equals(e.getKey())) {
                continue;
            }
            Object v = e.getValue();
            if (v instanceof Number n && !Double.isFinite(n.doubleValue())) {
                // JSON has no NaN or infinity: written as strings, read back as numbers.
                double d = n.doubleValue();
                line.put(e.getKey(), Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            } else {
                line.set(e.getKey(), JSON.valueToTree(v));
            }
        }
        try (Writer w = Files.newBufferedWriter(metricsFile(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(JSON.writeValueAsString(line));
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + metricsFile(), e);
        }
    }

    /** The metrics of the run, and a line for each line of the file that could not be read. */
    public record Metrics(List<MetricsLine> lines, List<String> problems) {
        public Metrics {
            lines = List.copyOf(lines);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads {@code metrics.jsonl}. Lines that are not JSON objects with an integer step (such as a
     * line half-written by a running trainer) are skipped and reported in {@link Metrics#problems()}.
     * Values written as the strings "NaN", "Infinity" and "-Infinity" are read as those numbers.
     */
    public Metrics readMetrics() {
        List<MetricsLine> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(metricsFile(), StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                String where = METRICS_FILE + " line " + number + ": ";
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (IOException e) {
                    problems.add(where + "not JSON, skipped");
                    continue;
                }
                if (node == null || !node.isObject()) {
                    problems.add(where + "not a JSON object, skipped");
                    continue;
                }
                JsonNode step = node.get("step");
                if (step == null || !step.canConvertToLong() || !step.isIntegralNumber()) {
                    problems.add(where + "no integer \"step\", skipped");
                    continue;
                }
                Map<String, Double> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    Double v = number(field.getValue());
                    if (!"step".equals(field.getKey()) && v != null) {
                        values.put(field.getKey(), v);
                    }
                }
                lines.add(new MetricsLine(step.asLong(), values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metricsFile(), e);
        }
        return new Metrics(lines, problems);
    }

    private static Double number(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            return switch (v.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> null;
            };
        }
        return null;
    }

    /** The alignment plots ({@code alignments/*.png}), oldest step first. */
    public List<RunFile> alignments() {
        return list(ALIGNMENTS_DIR, ".png");
    }

    /** The duration plots ({@code durations/*.svg}), oldest step first. */
    public List<RunFile> durations() {
        return list(DURATIONS_DIR, ".svg");
    }

    /** The validation samples ({@code samples/*.wav}), oldest step first. */
    public List<RunFile> samples() {
        return list(SAMPLES_DIR, ".wav");
    }

    private List<RunFile> list(String sub, String ext) {
        Path folder = dir.resolve(sub);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext))
                    .filter(Files::isRegularFile)
                    .map(p -> runFile(p, ext))
                    .sorted(Comparator.comparingLong(RunFile::step).thenComparing(f -> f.path().getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static RunFile runFile(Path p, String ext) {
        String name = p.getFileName().toString();
        String stem = name.substring(0, name.length() - ext.length());
        Matcher m = STEP_NAME.matcher(stem);
        if (m.matches()) {
            try {
                return new RunFile(p, Long.parseLong(m.group(1)), Objects.requireNonNullElse(m.group(2), ""));
            } catch (NumberFormatException tooLong) {
                // fall through: treated as a file without a step
            }
        }
        return new RunFile(p, -1, stem);
    }
}
