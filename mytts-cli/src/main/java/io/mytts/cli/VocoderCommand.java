package io.mytts.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.train.StopSignal;
import io.mytts.vocoder.NeuralVocoder;
import io.mytts.vocoder.VocoderTrainSettings;
import io.mytts.vocoder.VocoderTrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mytts vocoder train|info}: neural vocoders trained on a prepared corpus. */
@Command(name = "vocoder", mixinStandardHelpOptions = true,
        description = "Train and inspect neural (Vocos-style) vocoders.",
        subcommands = {VocoderCommand.Train.class, VocoderCommand.Info.class})
final class VocoderCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a vocoder on a prepared corpus (its WAVs and cached log-mels).",
                "Writes RUN/vocoder-run.json, RUN/metrics.jsonl, RUN/validation/ audio and RUN/checkpoints/step-N/,"
                        + " each a vocoder folder that 'audio invert --vocoder' and voices can use. Ctrl-C stops"
                        + " with a checkpoint; --resume continues exactly."})
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
            VocoderTrainer.Result r = VocoderTrainer.create(data, out, s, resume, tiny, StopSignal.installed()).run(resume);
            spec.commandLine().getOut().printf("%s at step %d; last checkpoint %s%n",
                    r.interrupted() ? "stopped" : "finished", r.step(), r.lastCheckpoint());
            spec.commandLine().getOut().flush();
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
}
