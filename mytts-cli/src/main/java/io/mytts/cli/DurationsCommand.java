package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.data.Dataset;
import io.mytts.data.DatasetReader;
import io.mytts.data.FeatureCache;
import io.mytts.monitor.Progress;
import io.mytts.data.ProsodyStore;
import io.mytts.data.Utterance;
import io.mytts.forward.DurationExtraction;
import io.mytts.forward.DurationReport;
import io.mytts.forward.ProsodyExtraction;
import io.mytts.train.CheckpointManager;
import io.mytts.train.Training;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mytts durations extract}: per-token durations, pitch and energy into a corpus' feature cache. */
@Command(name = "durations", mixinStandardHelpOptions = true,
        description = "Durations, pitch and energy per token for training a forward model.",
        subcommands = {DurationsCommand.Extract.class})
final class DurationsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "extract", mixinStandardHelpOptions = true,
            description = "Run a trained autoregressive checkpoint teacher-forced over a prepared corpus, read"
                    + " per-token durations off its cross-attention, add pitch and energy from the audio, and write"
                    + " them to the cache's " + ProsodyStore.FILE + ", with a quality report. With --method none:"
                    + " no checkpoint and no durations, pitch and energy per frame only, for a forward model that"
                    + " learns its alignment (\"alignment\": \"learned\").")
    static final class Extract implements Callable<Integer> {

        /** The method that reads no attention: frame values only. */
        static final String NONE = "none";

        @Option(names = "--checkpoint", paramLabel = "CKPT",
                description = "The checkpoint (model.zip of a run or of a voice; a voice folder also works);"
                        + " required unless --method none.")
        Path checkpoint;

        @Option(names = "--data", required = true, paramLabel = "CORPUS",
                description = "The prepared corpus (its folder, or its feature cache).")
        Path data;

        @Option(names = "--method", defaultValue = "attention", paramLabel = "attention|mas|none",
                description = "attention: the most probable monotonic path through the attention; mas: monotonic"
                        + " alignment search on the log attention per frame; none: no durations, pitch and energy"
                        + " per frame only (default: ${DEFAULT-VALUE}).")
        String method;

        @Option(names = "--report", paramLabel = "DIR", description = "Write the quality report (HTML, JSON, plots) here.")
        Path report;

        @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
                description = "Only the first N utterances (0: all; default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--worst", defaultValue = "10", paramLabel = "N",
                description = "Worst utterances shown in the report (default: ${DEFAULT-VALUE}).")
        int worst;

        @Option(names = "--threads", paramLabel = "N", description = "Threads for pitch and energy (default: 2).")
        Integer threads;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (limit < 0 || worst < 0) {
                throw new InvalidInputException("--limit and --worst must be 0 or more");
            }
            if (!Files.exists(data)) {
                throw new InvalidInputException("corpus " + data + " does not exist");
            }
            if (NONE.equalsIgnoreCase(method)) {
                return framesOnly();
            }
            DurationExtraction.Method m = DurationExtraction.Method.parse(method);
            if (checkpoint == null) {
                throw new InvalidInputException("--checkpoint is required with --method " + m.jsonName()
                        + " (it reads the durations off that model's attention); --method none needs none");
            }
            Path ckpt = Voices.checkpointFile(checkpoint);
            PrintWriter out = spec.commandLine().getOut();
            Instant start = Instant.now();
            try (FeatureCache cache = FeatureCache.open(Training.cacheDir(data))) {
                Map<String, Path> audio = audioFiles(cache);
                DurationExtraction.Result result = DurationExtraction.builder().setCheckpoint(ckpt).setCache(cache)
                        .optMethod(m).optLimit(limit).optKeepWorst(worst)
                        .optProgress(Progress.Factory.console(System.err)).build().run();
                Duration attention = Duration.between(start, Instant.now());
                Map<String, int[]> durations = new LinkedHashMap<>();
                result.aligned().forEach(a -> durations.put(a.id(), a.durations()));
                ProsodyExtraction.Result prosody = prosodyExtraction(cache, audio).extract(durations);
                ProsodyStore.write(cache, new ProsodyStore.Source(m.jsonName(), ckpt.toString(), CheckpointManager.sha256(ckpt)),
                        prosody.speakers(), prosody.utterances());
                Duration elapsed = Duration.between(start, Instant.now());
                Map<String, Object> summary = DurationReport.summary(result, m.jsonName(), ckpt.toString(), elapsed);
                summary.put("attention_seconds", attention.toMillis() / 1000.0);
                out.printf("%s: durations, pitch and energy of %d utterances (%s) in %.1f s (attention %.1f s)%n",
                        cache.dir().resolve(ProsodyStore.FILE), prosody.utterances().size(), m.jsonName(),
                        elapsed.toMillis() / 1000.0, attention.toMillis() / 1000.0);
                @SuppressWarnings("unchecked")
                Map<String, Double> p = (Map<String, Double>) summary.get("path_probability");
                out.printf("every token covered: %.2f%% of utterances; path probability median %.3f, worst %.3f%n",
                        100 * (Double) summary.get("coverage"), p.get("median"), p.get("worst"));
                if (report != null) {
                    DurationReport.write(report, result, summary);
                    out.printf("report: %s%n", report.resolve("index.html"));
                }
            }
            return 0;
        }

        /** Pitch and energy per frame and speaker statistics, no durations: what a learned alignment trains on. */
        private int framesOnly() throws IOException {
            if (checkpoint != null || report != null) {
                throw new InvalidInputException("--method none reads no model: leave out --checkpoint and --report");
            }
            PrintWriter out = spec.commandLine().getOut();
            Instant start = Instant.now();
            try (FeatureCache cache = FeatureCache.open(Training.cacheDir(data))) {
                List<String> ids = cache.ids();
                if (limit > 0 && limit < ids.size()) {
                    ids = ids.subList(0, limit);
                }
                ProsodyExtraction.Result prosody = prosodyExtraction(cache, audioFiles(cache)).extractFrames(ids);
                ProsodyStore.write(cache, new ProsodyStore.Source(NONE, null, null), prosody.speakers(),
                        List.of(), prosody.frames());
                out.printf("%s: pitch and energy per frame of %d utterances, no durations, in %.1f s%n",
                        cache.dir().resolve(ProsodyStore.FILE), prosody.frames().size(),
                        Duration.between(start, Instant.now()).toMillis() / 1000.0);
            }
            return 0;
        }

        private ProsodyExtraction prosodyExtraction(FeatureCache cache, Map<String, Path> audio) {
            ProsodyExtraction.Builder pb = ProsodyExtraction.builder().setCache(cache).setAudioFiles(audio)
                    .optProgress(Progress.Factory.console(System.err));
            if (threads != null) {
                pb.optThreads(threads);
            }
            return pb.build();
        }

        /** Each utterance's audio, from the corpus the cache was prepared from. */
        private Map<String, Path> audioFiles(FeatureCache cache) {
            Path corpus = Files.isRegularFile(data.resolve(DatasetReader.METADATA)) ? data
                    : Path.of(cache.manifest().path("dataset").asText(data.toString()));
            if (!Files.exists(corpus)) {
                throw new InvalidInputException(cache.dir() + " was prepared from " + corpus
                        + ", which is gone; pitch and energy need its audio");
            }
            Dataset dataset = new DatasetReader().read(corpus);
            Map<String, Path> audio = new LinkedHashMap<>();
            for (Utterance u : dataset.utterances()) {
                audio.put(u.id(), u.audio());
            }
            return audio;
        }
    }
}
