package io.mytts.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * The batches of a run: what the trainer needs of a prepared dataset.
 *
 * @param <B> the batch type ({@link TrainBatch} for text-to-speech)
 */
public interface BatchSource<B> {

    /** The next training batch; cycles through epochs in a seeded order. */
    B next();

    /** Where the source stands, enough for {@link #seek} to continue with the same batches. */
    JsonNode position();

    void seek(JsonNode position);

    /** The held-out batches used for validation (the same every time). */
    List<B> validation();

    /**
     * The ids of the held-out utterances, in the order {@link #validation()} reads them: what a run
     * never trained on, for evaluations ({@value Trainer#VALIDATION_IDS_FILE} in the run folder).
     * Empty for a source without ids.
     */
    default List<String> validationIds() {
        return List.of();
    }

    /** The dataset manifest whose hash goes into provenance, or null. */
    Path manifest();
}
