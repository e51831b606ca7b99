package io.mytts.vocoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mytts.InvalidInputException;
import io.mytts.monitor.RunFolder;
import io.mytts.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A checkpoint of the vocoder's first trainer (before it trained on the shared loop), read into
 * the shared loop's layout so that its runs resume. That trainer wrote {@code generator.safetensors}
 * and {@code vocoder.json} (unchanged since), {@code critics.safetensors},
 * {@code optimizer-generator.npz}, {@code optimizer-critics.npz} and a {@code state.json} of
 * {@code {step, training_seconds, corpus}}; the loop reads {@code discriminator.safetensors},
 * {@code optimizer.npz} (the first group's), {@code optimizer-discriminator.npz},
 * {@code clipping-discriminator.json} and its own {@code state.json}.
 *
 * <p>The old folder is only read: {@link #convert} writes the loop's layout into another folder,
 * which the loop resumes from ({@code Trainer.Builder.optResumeFrom}). The weights and both Adam
 * states are copied byte for byte; the data position is the step (a batch depends only on the
 * seed and the step, then as now); the old trainer did not clip, so the clipping history is empty.
 */
final class FirstTrainerCheckpoint {

    static final String OLD_CRITICS = "critics.safetensors";
    private static final String OLD_GENERATOR_ADAM = "optimizer-generator.npz";
    private static final String OLD_CRITICS_ADAM = "optimizer-critics.npz";

    private FirstTrainerCheckpoint() {}

    /** Whether {@code folder} is in the first trainer's layout. */
    static boolean isOne(Path folder) {
        return Files.isRegularFile(folder.resolve(OLD_GENERATOR_ADAM)) && !Files.exists(folder.resolve("optimizer.npz"));
    }

    /** Writes {@code old} in the loop's layout into the empty folder {@code to}. */
    static void convert(Path old, Path to, VocoderRun run) throws IOException {
        JsonNode state;
        try {
            state = new ObjectMapper().readTree(old.resolve("state.json").toFile());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + old.resolve("state.json") + " (" + e.getMessage()
                    + "); the checkpoint is damaged, resume from an older one");
        }
        if (state == null || !state.path("step").canConvertToLong()) {
            throw new InvalidInputException(old.resolve("state.json") + " has no step; the checkpoint is damaged");
        }
        long step = state.get("step").asLong();
        copy(old, NeuralVocoder.WEIGHTS, to, NeuralVocoder.WEIGHTS);
        copy(old, NeuralVocoder.DESCRIPTOR, to, NeuralVocoder.DESCRIPTOR);
        copy(old, OLD_CRITICS, to, VocoderTrainee.DISCRIMINATOR_WEIGHTS);
        copy(old, OLD_GENERATOR_ADAM, to, "optimizer.npz");
        copy(old, OLD_CRITICS_ADAM, to, "optimizer-" + VocoderTrainee.DISCRIMINATOR + ".npz");
        Files.writeString(to.resolve("clipping-" + VocoderTrainee.DISCRIMINATOR + ".json"), "{\"clip_history\": []}\n");
        VocoderTrainSettings s = run.train();
        long frames = step * s.batchSize() * s.segmentFrames();
        new TrainingState(step, s.seed(), 1.0, 0, JsonNodeFactory.instance.objectNode().put("step", step), List.of(),
                frames, state.path("training_seconds").asDouble()).write(to);
        run.write(to.resolve(RunFolder.CONFIG_FILE));
    }

    private static void copy(Path from, String name, Path to, String as) throws IOException {
        Path file = from.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(from + " lacks " + name + "; the checkpoint is incomplete, resume from"
                    + " an older one");
        }
        Files.copy(file, to.resolve(as), StandardCopyOption.COPY_ATTRIBUTES);
    }
}
