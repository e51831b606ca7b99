package io.mytts.train;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.mytts.InvalidInputException;
import io.mytts.config.StrictJson;
import java.io.IOException;
import java.nio.file.Path;
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
 *
 * <p>Read as strictly as every JSON file ({@link StrictJson}): a key of the wrong type is an error,
 * not a default; keys that older runs did not write take the values that continue them.
 */
@JsonDeserialize(builder = TrainingState.Keys.class)
@JsonPropertyOrder({"format", "step"})
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
    static final int FORMAT = 1;

    public TrainingState {
        clipHistory = List.copyOf(clipHistory);
    }

    /** The layout's version, written first. */
    @JsonProperty("format")
    int format() {
        return FORMAT;
    }

    public void write(Path folder) throws IOException {
        StrictJson.write(this, folder.resolve(FILE));
    }

    public static TrainingState read(Path folder) {
        Path file = folder.resolve(FILE);
        try {
            return StrictJson.read(file, TrainingState.class);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("cannot read the training state: " + e.getMessage()
                    + "; the checkpoint is damaged, resume from an older one", e);
        }
    }

    /** The keys, with the values that continue a run whose older state.json lacks them. */
    @JsonPOJOBuilder
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Keys {
        private int format = FORMAT;
        private Long step;
        private Long seed;
        private double lrScale = 1.0;
        private int rollbacks;
        private JsonNode dataPosition;
        private List<Double> clipHistory = List.of();
        private long frames;
        private double trainingSeconds;

        TrainingState build() {
            if (format != FORMAT) {
                throw new InvalidInputException("state format " + format + " is not " + FORMAT + "; update MyTTS");
            }
            if (step == null || seed == null || dataPosition == null) {
                throw new InvalidInputException("\"step\", \"seed\" and \"data_position\" must be set");
            }
            return new TrainingState(step, seed, lrScale, rollbacks, dataPosition, clipHistory, frames, trainingSeconds);
        }
    }
}
