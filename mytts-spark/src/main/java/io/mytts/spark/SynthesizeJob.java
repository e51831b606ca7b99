package io.mytts.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.mytts.InvalidInputException;
import io.mytts.synth.Voice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The batch job: reads texts, speaks them on the cluster and writes {@code OUT/wavs/ID.wav} plus
 * the manifest {@code OUT/manifest.parquet} (every column of {@link SpeechColumns#OUTPUT} but the
 * audio bytes). Runs under {@code spark-submit} (which sets the master) or with {@code java -cp}
 * and {@code --master} (docs/spark.md). Exit status 0 when every row was spoken, 2 when some rows
 * or the input were bad (the rows' errors are in the manifest), 1 on an internal error.
 */
@Command(name = "mytts-spark", mixinStandardHelpOptions = true,
        description = "Speak every row of a text, CSV or Parquet input on Spark into OUT/wavs/ID.wav and write"
                + " the manifest OUT/manifest.parquet (id, text, voice, speaker, path, duration, real-time factor,"
                + " alignment warnings, error).")
public final class SynthesizeJob implements Callable<Integer> {

    static final int BAD_INPUT = 2;
    static final String WAVS = "wavs";
    static final String MANIFEST = "manifest.parquet";

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Texts: a .txt file (one utterance a line, ids are line numbers), a .csv with a header"
                    + " (id,text[,voice,speaker]) or Parquet with those columns; any Hadoop file system path.")
    String input;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, csv or parquet (default: from the"
            + " input's name: .txt text, .csv CSV, anything else Parquet).")
    String format;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Output folder (any Hadoop file system path): DIR/wavs/ and DIR/manifest.parquet;"
                    + " files of an earlier run there are replaced.")
    String output;

    @Option(names = "--voice", paramLabel = "DIR", description = "Voice folder, a path that exists on every"
            + " executor (default: the first voice under ./voices). Rows may name their own in a voice column.")
    String voice;

    @Option(names = "--partitions", paramLabel = "N", description = "Spread the rows over N partitions (tasks)"
            + " (default: Spark's default parallelism, the cores of the executors).")
    Integer partitions;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed: the same text and seed give the same audio, whatever the partitioning (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--temperature", defaultValue = "1.0",
            description = "1.0 is greedy; above 1.0 adds seeded noise to the fed-back frames (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master when not run by spark-submit,"
            + " e.g. local[2] (default: spark-submit's, else local[*]).")
    String master;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private JobSummary summary;

    public static void main(String[] args) {
        System.exit(commandLine(new SynthesizeJob()).execute(args));
    }

    /** A command line that prints bad input as one line (status 2), as the mytts command does. */
    static CommandLine commandLine(Object job) {
        CommandLine cl = new CommandLine(job);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof InvalidInputException) {
                line.getErr().println("mytts-spark: " + ex.getMessage());
                return BAD_INPUT;
            }
            throw ex;
        });
        return cl;
    }

    /** What the last {@link #call} made. */
    JobSummary summary() {
        return summary;
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        String voiceFolder = voice != null ? voice : Voice.find(Path.of("voices")).map(Path::toString)
                .orElseThrow(() -> new InvalidInputException("no --voice given and no voice under ./voices"));
        if (partitions != null && partitions < 1) {
            throw new InvalidInputException("--partitions must be at least 1, not " + partitions);
        }
        SpeechSynthesis synthesis = SpeechSynthesis.builder().setVoice(voiceFolder).optSeed(seed)
                .optTemperature(temperature).optOutputFolder(child(output, WAVS)).build();
        Optional<SparkSession> running = running();
        SparkSession spark = running.orElseGet(this::newSession);
        try {
            summary = run(spark, synthesis, start);
        } finally {
            if (running.isEmpty()) {
                spark.stop();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("mytts-spark: " + summary);
        out.println("mytts-spark: audio in " + child(output, WAVS) + ", manifest in " + child(output, MANIFEST)
                + (summary.failed() > 0 ? "; rows with an error column were not spoken" : ""));
        out.flush();
        return summary.failed() == 0 ? 0 : BAD_INPUT;
    }

    private JobSummary run(SparkSession spark, SpeechSynthesis synthesis, long start) {
        Dataset<Row> texts = read(spark);
        int n = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
        long t0 = System.nanoTime();
        synthesis.transform(texts.repartition(n)).drop(SpeechColumns.AUDIO)
                .write().mode(SaveMode.Overwrite).parquet(child(output, MANIFEST));
        double synthesisSeconds = (System.nanoTime() - t0) / 1e9;
        // From the written manifest: an action on the transformation itself would speak everything again.
        Dataset<Row> manifest = spark.read().parquet(child(output, MANIFEST));
        Row totals = manifest.agg(
                org.apache.spark.sql.functions.count("*"),
                sum(when(col(SpeechColumns.ERROR).isNotNull(), 1).otherwise(0)),
                sum(when(col(SpeechColumns.ERROR).isNull(), length(col(SpeechColumns.TEXT))).otherwise(0)),
                sum(col(SpeechColumns.DURATION))).first();
        List<Row> errors = manifest.filter(col(SpeechColumns.ERROR).isNotNull())
                .select(SpeechColumns.ID, SpeechColumns.ERROR).limit(10).collectAsList();
        for (Row e : errors) {
            spec.commandLine().getErr().println("mytts-spark: row " + e.get(0) + ": " + e.get(1));
        }
        return new JobSummary(totals.getLong(0), totals.isNullAt(1) ? 0 : totals.getLong(1),
                totals.isNullAt(2) ? 0 : totals.getLong(2), totals.isNullAt(3) ? 0 : totals.getDouble(3),
                synthesisSeconds, (System.nanoTime() - start) / 1e9);
    }

    private Dataset<Row> read(SparkSession spark) {
        JobInput kind = format != null ? JobInput.named(format) : JobInput.of(input);
        try {
            return kind.read(spark, input);
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                throw new InvalidInputException("cannot read " + input + " as " + kind.name().toLowerCase()
                        + ": " + ((AnalysisException) e).getSimpleMessage());
            }
            throw e;
        }
    }

    /** A session that was running before the job (an application or test calling it): left running. */
    private static Optional<SparkSession> running() {
        scala.Option<SparkSession> s = SparkSession.getActiveSession();
        if (s.isEmpty()) {
            s = SparkSession.getDefaultSession();
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get());
    }

    /** spark-submit passes the master as a system property; without it and --master, all local cores. */
    private SparkSession newSession() {
        SparkSession.Builder b = SparkSession.builder().appName("mytts-spark");
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        return b.getOrCreate();
    }

    private static String child(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }
}
