package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * A learned vector per speaker ({@code [speakers, dModel]}, named {@code NAME.weight}), added to
 * every encoder state of an utterance. A single-speaker model has none, so its checkpoints and
 * outputs stay what they were before speakers existed.
 */
public final class SpeakerEmbedding {

    /** The parameter name under a model's encoder. */
    public static final String PARAMETER = "encoder.speaker_embedding.weight";

    private final NDArray table;

    private SpeakerEmbedding(NDArray table) {
        this.table = table;
    }

    /**
     * The embedding of {@code speakers} rows (drawn small: the encoder states it joins are layer
     * normed), or null when there is only one speaker. Create it after every other parameter, so
     * that a seed draws the same values for the rest of the model with or without speakers.
     */
    public static SpeakerEmbedding create(ParameterSet params, int speakers, int dModel) {
        if (speakers <= 1) {
            return null;
        }
        return new SpeakerEmbedding(params.normal(PARAMETER, new Shape(speakers, dModel), 0.1));
    }

    /**
     * {@code states} with speakers added when the model has an embedding; without one (a single
     * speaker) the states as they are, and every speaker must be 0.
     */
    public static NDArray addTo(SpeakerEmbedding embedding, NDArray states, int[] speakers) {
        if (embedding != null) {
            return embedding.add(states, speakers);
        }
        if (speakers != null) {
            for (int s : speakers) {
                if (s != 0) {
                    throw new IllegalArgumentException("speaker index " + s + " given to a single-speaker model");
                }
            }
        }
        return states;
    }

    public int speakers() {
        return (int) table.getShape().get(0);
    }

    /**
     * {@code states [batch, n, dModel]} plus each row's speaker vector, in the states' manager.
     *
     * @param speakers one speaker row per batch row; null means row 0 for all
     */
    public NDArray add(NDArray states, int[] speakers) {
        int batch = (int) states.getShape().get(0);
        int[] rows = speakers == null ? new int[batch] : speakers;
        if (rows.length != batch) {
            throw new IllegalArgumentException("one speaker per batch row expected, got " + rows.length
                    + " for " + batch);
        }
        for (int s : rows) {
            if (s < 0 || s >= speakers()) {
                throw new IllegalArgumentException("speaker index " + s + " is outside the model's "
                        + speakers() + " speakers");
            }
        }
        NDManager m = states.getManager();
        long[] ids64 = new long[batch];
        for (int b = 0; b < batch; b++) {
            ids64[b] = rows[b];
        }
        NDArray ids = m.create(ids64);
        NDArray vectors = ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
        return states.add(vectors.expandDims(1));
    }
}
