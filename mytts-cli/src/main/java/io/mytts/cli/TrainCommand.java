package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.config.ConfigFiles;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.forward.ForwardTraining;
import io.mytts.model.ModelKind;
import io.mytts.train.Trainer;
import io.mytts.train.Training;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mytts train}: trains a voice on a prepared corpus, resumably. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on a prepared corpus (see 'mytts prepare'); --model forward trains a"
                + " forward model on the corpus's durations (see 'mytts durations extract').",
            "Writes RUN/config.json, RUN/metrics.jsonl, RUN/checkpoints/step-N/ (model.zip loads for"
                    + " synthesis), alignment plots and validation audio. Ctrl-C stops at the end of the"
                    + " step with a checkpoint; --resume continues exactly where it stopped."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "CORPUS",
            description = "The prepared corpus: its folder or its cache/ folder.")
    Path data;

    @Option(names = "--model", paramLabel = "KIND",
            description = "autoregressive (attention, the default) or forward (durations, pitch and energy;"
                    + " needs 'mytts durations extract' first). A resumed run keeps its own.")
    String model;

    @Option(names = "--preset",
            description = "One of: tiny, small, normal, large; forward-tiny, forward-small for --model forward"
                    + " (default: small, or forward-small for --model forward).")
    String preset;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A config file whose keys override the preset's ({\"train\": {\"learning_rate\": 0.0005}}).")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "The run folder.")
    Path out;

    @Option(names = "--max-steps", paramLabel = "N", description = "Stop at this step (default: the config's max_steps).")
    Long maxSteps;

    @Option(names = "--batch-frames", paramLabel = "N", description = "Padded mel frames per batch (overrides the config).")
    Integer batchFrames;

    @Option(names = "--init-from", paramLabel = "CKPT|VOICE",
            description = "Start from this trained model's parameters (a checkpoint or voice folder of the same"
                    + " architecture): symbols and speakers are matched by name, new ones start fresh."
                    + " A forward run starts from a forward model, an autoregressive one from an autoregressive one.")
    Path initFrom;

    @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint, with its saved config.")
    boolean resume;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TTSConfig c;
        ModelKind kind = model == null ? null : ModelKind.parse(model);
        if (resume) {
            c = Training.savedConfig(out);
            ModelKind saved = c.forward() != null ? ModelKind.FORWARD : ModelKind.AUTOREGRESSIVE;
            if (kind != null && kind != saved) {
                throw new InvalidInputException("--model " + kind + ": the run in " + out + " trains the " + saved
                        + " model; a resumed run keeps its model (drop --model)");
            }
            kind = saved;
            if (batchFrames != null && batchFrames != c.train().batchFrames()) {
                throw new InvalidInputException("--batch-frames " + batchFrames + " differs from the run's "
                        + c.train().batchFrames() + "; a resumed run keeps its batches (drop --batch-frames)");
            }
        } else {
            kind = kind == null ? ModelKind.AUTOREGRESSIVE : kind;
            String p = preset != null ? preset : kind == ModelKind.FORWARD ? "forward-small" : "small";
            c = config != null ? ConfigFiles.readOnto(Presets.config(p), config) : Presets.config(p);
            if (kind == ModelKind.AUTOREGRESSIVE) {
                c = c.withForward(null); // the run's config says which model it trains
            }
            if (batchFrames != null) {
                c = c.withTrain(c.train().toBuilder().optBatchFrames(batchFrames).build());
            }
        }
        if (maxSteps != null && maxSteps < 1) {
            throw new InvalidInputException("--max-steps must be at least 1, not " + maxSteps);
        }
        long steps = maxSteps == null ? 0 : maxSteps;
        boolean terminal = System.console() != null;
        Trainer.Result r = kind == ModelKind.FORWARD ? ForwardTraining.run(data, c, out, resume, steps, terminal, initFrom)
                : Training.run(data, c, out, resume, steps, terminal, initFrom);
        spec.commandLine().getOut().printf("%s at step %d; last checkpoint %s%n",
                r.interrupted() ? "stopped" : "finished", r.step(), r.lastCheckpoint());
        return 0;
    }
}
