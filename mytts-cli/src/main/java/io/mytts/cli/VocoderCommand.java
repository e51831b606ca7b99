package io.mytts.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.GriffinLim;
import io.mytts.audio.Vocoder;
import io.mytts.data.FeatureCache;
import io.mytts.data.SubprocessTeacher;
import io.mytts.eval.EvaluationTexts;
import io.mytts.eval.VocoderEvaluation;
import io.mytts.monitor.Progress;
import io.mytts.train.Trainer;
import io.mytts.train.Training;
import io.mytts.vocoder.NeuralVocoder;
import io.mytts.vocoder.PredictedMels;
import io.mytts.vocoder.VocoderTrainSettings;
import io.mytts.vocoder.VocoderTraining;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mytts vocoder train|mels|info|eval}: neural vocoders trained on a prepared corpus (its own
 * mels, or an acoustic model's teacher-forced ones), and their evaluation.
 */
@Command(name = "vocoder", mixinStandardHelpOptions = true,
        description = "Train and inspect neural (Vocos-style) vocoders.",
        subcommands = {VocoderCommand.Train.class, VocoderCommand.Mels.class, VocoderCommand.Info.class,
            VocoderCommand.Eval.class})
final class VocoderCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a vocoder on a prepared corpus (its WAVs and cached log-mels; with --mels, an acoustic"
                    + " model's teacher-forced mels of it, from 'vocoder mels').",
                "Writes RUN/config.json, RUN/metrics.jsonl, RUN/samples/ (validation audio) and RUN/checkpoints/step-N/,"
                        + " each a vocoder folder that 'audio invert --vocoder' and voices can use; 'mytts report RUN'"
                        + " shows it. Ctrl-C stops with a checkpoint; --resume continues exactly (runs of the first"
                        + " vocoder trainer too)."})
    static final class Train implements Callable<Integer> {

        @Option(names = "--data", required = true, paramLabel = "CORPUS", description = "The prepared corpus folder.")
        Path data;

        @Option(names = "--out", required = true, paramLabel = "RUN", description = "The run folder.")
        Path out;

        @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint.")
        boolean resume;

        @Option(names = "--max-steps", paramLabel = "N", description = "Stop at this step (default: 200000).")
        Long maxSteps;

        @Option(names = "--config", paramLabel = "FILE",
                description = "JSON of training settings over the defaults, e.g. {\"batch_size\": 16}.")
        Path config;

        @Option(names = "--tiny", description = "Test-sized networks (a few thousand weights).")
        boolean tiny;

        @Option(names = "--init-from", paramLabel = "VOCODER",
                description = "Start a new run from this trained vocoder (a vocoder folder, or a training checkpoint,"
                        + " whose critics come along): its architecture and weights; steps and Adam states start"
                        + " anew. For fine-tuning on another corpus (set adversarial_from to 0 with --config to keep"
                        + " the critics in play from the start).")
        Path initFrom;

        @Option(names = "--mels", paramLabel = "DIR",
                description = "Read the input mels from this feature cache instead of the corpus's (one that 'mytts"
                        + " vocoder mels' wrote: an acoustic model's teacher-forced mels of the same utterances); the"
                        + " audio targets stay the corpus's WAVs. It must hold the corpus's ids with the same frame"
                        + " counts and audio settings. Recorded in RUN/config.json: --resume keeps it.")
        Path mels;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            VocoderTrainSettings s = config == null ? VocoderTrainSettings.DEFAULT
                    : VocoderTrainSettings.fromJson(new ObjectMapper().readTree(config.toFile()), config.toString());
            if (maxSteps != null) {
                if (maxSteps < 1) {
                    throw new InvalidInputException("--max-steps must be at least 1, not " + maxSteps);
                }
                s = s.withMaxSteps(maxSteps);
            }
            Trainer.Result r = VocoderTraining.builder().setCorpus(data).setRunFolder(out).optSettings(s)
                    .optTiny(tiny).optResume(resume).optMaxSteps(maxSteps == null ? 0 : maxSteps)
                    .optInitFrom(initFrom).optMels(mels).build().run();
            spec.commandLine().getOut().printf("%s at step %d; last checkpoint %s%n",
                    r.interrupted() ? "stopped" : "finished", r.step(), r.lastCheckpoint());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "mels", mixinStandardHelpOptions = true,
            description = {"Write an acoustic model's teacher-forced mels of every utterance of a prepared corpus into"
                    + " a second feature cache, for fine-tuning a vocoder on them ('vocoder train --mels DIR')."
                    + " Same ids, tokens, frame counts and settings as the corpus's cache, so frame t still describes"
                    + " the same audio; the mel is the postnet's (what the voice gives the vocoder), cut to each"
                    + " utterance's frames. An autoregressive model reads the corpus's mels as its decoder inputs"
                    + " (no prenet dropout); a forward model is given the durations, pitch and energy of the cache's"
                    + " prosody.json. Interrupted, it continues where it stopped when run again with the same"
                    + " checkpoint; a folder of another checkpoint's mels is written anew."})
    static final class Mels implements Callable<Integer> {

        @Option(names = "--checkpoint", required = true, paramLabel = "CKPT|VOICE",
                description = "The acoustic model: a checkpoint's model.zip, a run's checkpoint folder, or a voice folder.")
        Path checkpoint;

        @Option(names = "--data", required = true, paramLabel = "CORPUS",
                description = "The prepared corpus (its folder, or its feature cache).")
        Path data;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder of the new cache.")
        Path out;

        @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
                description = "Only the first N utterances (0: all; default: ${DEFAULT-VALUE}); such a cache is"
                        + " marked incomplete and 'vocoder train' refuses it.")
        int limit;

        @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
                description = "Worker threads, each predicting whole batches with one PyTorch thread"
                        + " (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--batch-frames", defaultValue = "6000", paramLabel = "N",
                description = "Most padded mel frames in one batch (default: ${DEFAULT-VALUE}).")
        int batchFrames;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path model = Voices.checkpointFile(checkpoint);
            try (FeatureCache cache = FeatureCache.open(Training.cacheDir(data))) {
                PredictedMels.Result r = PredictedMels.builder().setCheckpoint(model).setCache(cache).setOut(out)
                        .optLimit(limit).optThreads(threads).optBatchFrames(batchFrames)
                        .optProgress(Progress.Factory.console(System.err)).build().run();
                PrintWriter o = spec.commandLine().getOut();
                o.printf(Locale.ROOT, "%s: teacher-forced mels of %s (%s) for %d utterances (%.1f min of audio)"
                        + " in %.1f s (%.2f utterances/s once loaded)%s%n", r.dir(), model, r.kind(), r.computed(),
                        r.seconds() / 60, r.elapsed().toMillis() / 1000.0, r.itemsPerSecond(),
                        r.kept() > 0 ? "; " + r.kept() + " kept from an earlier run" : "");
                o.printf(Locale.ROOT, "mean L1 to the real mels %.4f%n", r.meanL1());
                o.println(r.complete() ? "complete: every utterance of the corpus; train with 'mytts vocoder train"
                        + " --data " + data + " --mels " + r.dir() + "'"
                        : "incomplete (--limit or interrupted): run again without --limit to finish it");
                o.flush();
            }
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a vocoder folder.")
    static final class Info implements Callable<Integer> {

        @Parameters(paramLabel = "DIR", description = "A vocoder folder (or a vocoder training checkpoint).")
        Path dir;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (NeuralVocoder v = NeuralVocoder.load(dir)) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("vocoder     %s%n", dir);
                out.printf("architecture vocos: dim %d, intermediate %d, %d ConvNeXt blocks, kernel %d%n",
                        v.config().dim(), v.config().intermediateDim(), v.config().layers(), v.config().kernelSize());
                out.printf("parameters  %,d%n", v.parameterCount());
                out.printf("audio       %d Hz, %d mel bands, n_fft %d, hop %d, %.0f-%.0f Hz%n", v.sampleRate(),
                        v.audioConfig().nMels(), v.audioConfig().nFft(), v.audioConfig().hopLength(),
                        v.audioConfig().fMin(), v.audioConfig().fMax());
                for (Map.Entry<String, Object> e : v.trainingFacts().entrySet()) {
                    out.printf("training    %s: %s%n", e.getKey(), e.getValue());
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = {"Copy synthesis: each sentence's recording to its log-mel and back through the vocoder and"
                    + " through Griffin-Lim, scored against the recording (WER by pocketsphinx and its ratio to the"
                    + " recording's own, MCD, STOI, ESTOI, F0 RMSE, voicing error, real-time factor; medians)."})
    static final class Eval implements Callable<Integer> {

        @Option(names = "--vocoder", required = true, paramLabel = "DIR", description = "The neural vocoder folder.")
        Path vocoder;

        @picocli.CommandLine.Mixin
        EvaluationTextsMixin sentences;

        @Option(names = "--reference-wavs", paramLabel = "DIR",
                description = "Recordings ID.wav of the sentences (default: the teacher voice reads them).")
        Path referenceWavs;

        @Option(names = "--teacher", defaultValue = "flite:slt", paramLabel = "SPEC",
                description = "The voice that reads the sentences when no --reference-wavs are given (default: ${DEFAULT-VALUE}).")
        String teacher;

        @Option(names = "--iterations", defaultValue = "32", description = "Griffin-Lim iterations (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--mels", paramLabel = "DIR",
                description = "Give the vocoders an acoustic model's teacher-forced mels of the sentences (a folder of"
                        + " 'mytts vocoder mels') instead of the recordings' own: the model judged with the recordings'"
                        + " timing and pitch. Use the ids of its corpus, for example --ids RUN/validation-ids.txt.")
        Path mels;

        @Option(names = {"-o", "--output"}, defaultValue = "vocoder-eval.json", paramLabel = "FILE",
                description = "The JSON report (default: ${DEFAULT-VALUE}).")
        Path output;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<EvaluationTexts.Item> items = sentences.items();
            Function<EvaluationTexts.Item, AudioClip> references;
            if (referenceWavs != null) {
                references = VocoderEvaluation.referenceFolder(referenceWavs);
            } else {
                SubprocessTeacher speaker = SubprocessTeacher.parse(teacher);
                references = item -> speaker.speak(item.text());
            }
            try (NeuralVocoder neural = NeuralVocoder.load(vocoder);
                    FeatureCache predicted = mels == null ? null : FeatureCache.open(mels)) {
                if (predicted != null) {
                    neural.checkCompatible(predicted.audioConfig(), "--mels " + mels);
                }
                GriffinLim gl = GriffinLim.builder().optAudioConfig(neural.audioConfig())
                        .optIterations(iterations).build();
                Map<String, Vocoder> vocoders = new LinkedHashMap<>();
                vocoders.put("griffin-lim", gl);
                vocoders.put("neural", neural);
                VocoderEvaluation evaluation = new VocoderEvaluation(vocoders,
                        EvalCommand.recognizer.get(), neural.audioConfig(), references,
                        predicted == null ? null : VocoderEvaluation.fromPredictedMels(predicted, neural.audioConfig()));
                int total = items.size();
                int[] done = {0};
                List<VocoderEvaluation.Item> results = evaluation.run(items, i -> {
                    done[0]++;
                    if (done[0] % 10 == 0 || done[0] == total) {
                        out.printf(Locale.ROOT, "  %d/%d evaluated%n", done[0], total);
                        out.flush();
                    }
                });
                List<VocoderEvaluation.Summary> summaries =
                        VocoderEvaluation.summarize(results);
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("vocoder", vocoder.toString());
                report.put("mels", mels == null ? "the recordings' own" : mels.toString());
                report.put("sentences", results.size());
                report.put("reference_wer", VocoderEvaluation.referenceWer(results));
                report.put("summaries", summaries);
                report.put("items", results);
                Path parent = output.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .writerWithDefaultPrettyPrinter().writeValue(output.toFile(), report);
                out.printf(Locale.ROOT, "%s of %d sentences; the recordings' own WER %.1f%%%n",
                        mels == null ? "copy synthesis" : "the teacher-forced mels of " + mels, results.size(),
                        100 * VocoderEvaluation.referenceWer(results));
                out.printf(Locale.ROOT, "%-12s %7s %6s %7s %6s %6s %9s %8s %6s%n", "vocoder", "WER", "ratio",
                        "MCD dB", "STOI", "ESTOI", "F0 cents", "voicing", "RTF");
                for (VocoderEvaluation.Summary m : summaries) {
                    out.printf(Locale.ROOT, "%-12s %6.1f%% %6.2f %7.2f %6.3f %6.3f %9.1f %7.1f%% %6.3f%n",
                            m.vocoder(), 100 * m.wer(), m.werRatio(), m.mcd(), m.stoi(), m.estoi(), m.f0RmseCents(),
                            100 * m.voicingError(), m.realTimeFactor());
                }
                out.println("(WER pooled over the sentences; the other columns are medians)");
                out.println("report: " + output);
                out.flush();
            }
            return 0;
        }
    }
}
