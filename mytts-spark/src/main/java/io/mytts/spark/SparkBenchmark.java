package io.mytts.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The same sentences through {@code mytts synthesize} (one JVM, one sentence after another) and
 * through the Spark job in local mode, in characters and audio seconds per second of wall time.
 * Run from the repository root (docs/spark.md has the command); writes WORK/results.md.
 */
@Command(name = "spark-bench", mixinStandardHelpOptions = true,
        description = "Time N LJ Speech sentences (test ids left out) through `mytts synthesize` and through the"
                + " Spark job, and print characters/s and audio seconds/s of both.")
public final class SparkBenchmark implements Callable<Integer> {

    @Option(names = "--transcripts", defaultValue = "../shared/data/ljspeech/transcripts.txt", paramLabel = "FILE",
            description = "ID|text lines (default: ${DEFAULT-VALUE}).")
    Path transcripts;

    @Option(names = "--test-ids", paramLabel = "FILE",
            description = "Ids to leave out, one a line (default: test-ids.txt beside the transcripts).")
    Path testIds;

    @Option(names = "--sentences", defaultValue = "1000", description = "How many sentences (default: ${DEFAULT-VALUE}).")
    int sentences;

    @Option(names = "--voice", defaultValue = "voices/slt", paramLabel = "DIR", description = "Voice (default: ${DEFAULT-VALUE}).")
    String voice;

    @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--partitions", defaultValue = "8",
            description = "Partitions: more than the cores, so that no core idles at the end (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--launcher", defaultValue = "./mytts", description = "The mytts launcher (default: ${DEFAULT-VALUE}).")
    String launcher;

    @Option(names = "--work", defaultValue = "out/spark-bench", paramLabel = "DIR",
            description = "Folder for the sentences, both outputs and results.md (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--skip-cli", description = "Only the Spark job.")
    boolean skipCli;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(SynthesizeJob.commandLine(new SparkBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(work);
        Path input = work.resolve("sentences.txt");
        Files.write(input, pick(), StandardCharsets.UTF_8);
        List<String> table = new ArrayList<>();
        table.add("| run | sentences | characters | audio s | wall s | characters/s | audio s/s |");
        table.add("|---|---|---|---|---|---|---|");
        Rate cli = null;
        if (!skipCli) {
            cli = runCli(input, out);
            table.add(cli.row("`mytts synthesize`, whole command (JVM start and voice load included)", cli.wall));
            table.add(cli.row("`mytts synthesize`, synthesis only (sum over sentences)", cli.synthesis));
        }
        SynthesizeJob job = new SynthesizeJob();
        int status = SynthesizeJob.commandLine(job).execute("--input", input.toString(), "--output",
                work.resolve("spark").toString(), "--voice", voice, "--master", master, "--partitions",
                Integer.toString(partitions));
        if (status != 0) {
            throw new IllegalStateException("the Spark job exited with status " + status);
        }
        JobSummary s = job.summary();
        Rate spark = new Rate(s.rows() - s.failed(), s.characters(), s.audioSeconds(), s.totalSeconds(),
                s.synthesisSeconds());
        table.add(spark.row("Spark " + master + ", " + partitions + " partitions, whole job (start-up included)",
                spark.wall));
        table.add(spark.row("Spark " + master + ", synthesis stage (voice load included)", spark.synthesis));
        if (cli != null) {
            table.add("");
            table.add(String.format(Locale.ROOT, "Spark over `mytts synthesize`: %.2fx whole runs, %.2fx synthesis"
                    + " only (characters/s).", cli.wall / spark.wall * spark.characters / cli.characters,
                    cli.synthesis / spark.synthesis * spark.characters / cli.characters));
        }
        String md = String.join("\n", table) + "\n";
        Files.writeString(work.resolve("results.md"), md);
        out.print(md);
        out.flush();
        return 0;
    }

    /** The first N sentences of the transcripts whose ids are not test ids. */
    private List<String> pick() throws IOException {
        if (!Files.isRegularFile(transcripts)) {
            throw new InvalidInputException(transcripts + ": no such file; give --transcripts (ID|text lines)");
        }
        Path ids = testIds != null ? testIds : transcripts.resolveSibling("test-ids.txt");
        Set<String> test = new HashSet<>(Files.isRegularFile(ids) ? Files.readAllLines(ids) : List.of());
        List<String> picked = new ArrayList<>();
        for (String line : Files.readAllLines(transcripts, StandardCharsets.UTF_8)) {
            int bar = line.indexOf('|');
            if (bar > 0 && !test.contains(line.substring(0, bar).strip()) && picked.size() < sentences) {
                picked.add(line.substring(bar + 1).strip());
            }
        }
        return picked;
    }

    private Rate runCli(Path input, PrintWriter out) throws IOException, InterruptedException {
        Path dir = work.resolve("cli");
        exec(List.of(launcher, "--version"), dir.resolveSibling("cli-build.log")); // builds first if needed: not timed
        out.println("spark-bench: " + launcher + " synthesize on " + input + " ...");
        out.flush();
        long t0 = System.nanoTime();
        exec(List.of(launcher, "synthesize", "--input", input.toString(), "--out-dir", dir.toString(),
                "--voice", voice), dir.resolveSibling("cli.log"));
        double wall = (System.nanoTime() - t0) / 1e9;
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        long spoken = 0;
        long chars = 0;
        for (JsonNode line : summary.get("lines")) {
            if (!line.has("error")) {
                spoken++;
                chars += line.get("text").asText().length();
            }
        }
        JsonNode totals = summary.get("totals");
        double audio = totals.get("duration_s").asDouble();
        return new Rate(spoken, chars, audio, wall, totals.get("real_time_factor").asDouble() * audio);
    }

    private static void exec(List<String> command, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int status = p.waitFor();
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with status " + status + "; see " + log);
        }
    }

    /** Sentences, characters and audio made in a wall time and in the synthesis part of it. */
    private record Rate(long sentences, long characters, double audio, double wall, double synthesis) {
        String row(String name, double seconds) {
            return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f | %.2f |", name, sentences,
                    characters, audio, seconds, characters / seconds, audio / seconds);
        }
    }
}
