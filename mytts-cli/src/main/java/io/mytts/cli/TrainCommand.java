package io.mytts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import io.mytts.config.ConfigFiles;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.train.Trainer;
import io.mytts.train.Training;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mytts train}: trains a voice on a prepared corpus, resumably. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on a prepared corpus (see 'mytts prepare').",
            "Writes RUN/config.json, RUN/metrics.jsonl, RUN/checkpoints/step-N/ (model.zip loads for"
                    + " synthesis), alignment plots and validation audio. Ctrl-C stops at the end of the"
                    + " step with a checkpoint; --resume continues exactly where it stopped."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "CORPUS",
            description = "The prepared corpus: its folder or its cache/ folder.")
    Path data;

    @Option(names = "--preset", defaultValue = "small",
            description = "One of: tiny, small, normal, large (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint, with its saved config.")
    boolean resume;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TTSConfig c;
        if (resume) {
            c = Training.savedConfig(out);
            if (batchFrames != null && batchFrames != c.train().batchFrames()) {
                throw new InvalidInputException("--batch-frames " + batchFrames + " differs from the run's "
                        + c.train().batchFrames() + "; a resumed run keeps its batches (drop --batch-frames)");
            }
        } else {
            c = config != null ? presetWithOverrides(preset, config) : Presets.config(preset);
            if (batchFrames != null) {
                c = c.withTrain(c.train().toBuilder().optBatchFrames(batchFrames).build());
            }
        }
        if (maxSteps != null && maxSteps < 1) {
            throw new InvalidInputException("--max-steps must be at least 1, not " + maxSteps);
        }
        Trainer.Result r = Training.run(data, c, out, resume, maxSteps == null ? 0 : maxSteps,
                System.console() != null);
        spec.commandLine().getOut().printf("%s at step %d; last checkpoint %s%n",
                r.interrupted() ? "stopped" : "finished", r.step(), r.lastCheckpoint());
        return 0;
    }

    /** The preset's config with every key the file sets replaced (sections merged key by key). */
    static TTSConfig presetWithOverrides(String preset, Path file) {
        ObjectMapper json = new ObjectMapper();
        JsonNode overrides;
        try {
            overrides = json.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read config " + file + ": " + e.getMessage()
                    + "; give a JSON file such as {\"train\": {\"max_steps\": 1000}}");
        }
        if (overrides == null || !overrides.isObject()) {
            throw new InvalidInputException(file + " is not a JSON object");
        }
        ObjectNode merged = json.valueToTree(Presets.config(preset).toJsonMap());
        boolean sectioned = overrides.has("model") || overrides.has("audio") || overrides.has("train");
        if (!sectioned) {
            // A file of model keys only, as MyTTSModel saved its ModelConfig.
            ObjectNode wrapped = json.createObjectNode();
            wrapped.set("model", overrides);
            overrides = wrapped;
        }
        Iterator<Map.Entry<String, JsonNode>> sections = overrides.fields();
        while (sections.hasNext()) {
            Map.Entry<String, JsonNode> e = sections.next();
            JsonNode target = merged.get(e.getKey());
            if (target instanceof ObjectNode t && e.getValue().isObject()) {
                t.setAll((ObjectNode) e.getValue());
            } else {
                merged.set(e.getKey(), e.getValue()); // unknown sections are reported by the parser
            }
        }
        return ConfigFiles.parse(merged.toString(), file.toString());
    }
}
