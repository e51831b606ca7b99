package io.mytts.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything besides the tensors that a resumed run needs to continue exactly:
 * {@code state.json} in a checkpoint folder.
 *
 * @param step updates taken (the next step is {@code step + 1})
 * @param seed the run's seed; with the step it fixes every random draw of the next step
 * @param lrScale multiplier on the schedule, lowered by each rollback
 * @param rollbacks rollbacks so far
 * @param dataPosition the batch source's resumable position, as it describes it
 * @param clipHistory recent gradient norms kept by percentile clipping
 * @param frames mel frames trained on so far
 * @param trainingSeconds wall-clock seconds of training so far, over every resumed session
 */
public record TrainingState(
        long step,
        long seed,
        double lrScale,
        int rollbacks,
        JsonNode dataPosition,
        List<Double> clipHistory,
        long frames,
        double trainingSeconds) {

    static final String FILE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public TrainingState {
        clipHistory = List.copyOf(clipHistory);
    }

    public void write(Path folder) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", 1);
        n.put("step", step);
        n.put("seed", seed);
        n.put("lr_scale", lrScale);
        n.put("rollbacks", rollbacks);
        n.set("data_position", dataPosition);
        ArrayNode h = n.putArray("clip_history");
        clipHistory.forEach(h::add);
        n.put("frames", frames);
        n.put("training_seconds", trainingSeconds);
        JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(FILE).toFile(), n);
    }

    public static TrainingState read(Path folder) {
        Path file = folder.resolve(FILE);
        try {
            JsonNode n = JSON.readTree(file.toFile());
            List<Double> history = new ArrayList<>();
            n.path("clip_history").forEach(x -> history.add(x.asDouble()));
            return new TrainingState(n.get("step").asLong(), n.get("seed").asLong(),
                    n.path("lr_scale").asDouble(1.0), n.path("rollbacks").asInt(0),
                    n.get("data_position"), history, n.path("frames").asLong(0),
                    n.path("training_seconds").asDouble(0));
        } catch (IOException | NullPointerException e) {
            throw new InvalidInputException("cannot read the training state " + file + ": "
                    + e.getMessage() + "; the checkpoint is damaged, resume from an older one");
        }
    }
}
