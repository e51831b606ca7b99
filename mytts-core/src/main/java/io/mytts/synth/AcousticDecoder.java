package io.mytts.synth;

import io.mytts.InvalidInputException;
import java.util.List;

/**
 * How a voice's acoustic model turns a batch of chunks (token ids) into mels: autoregressive
 * generation ({@link AutoregressiveDecoder}, with beam search and repair) or one parallel pass of
 * a forward model. The synthesizer vocodes, times and reports what it gets the same way for both.
 */
interface AcousticDecoder {

    /** The most tokens one chunk may have (the model's {@code max_length} less the end token). */
    int maxTokens();

    /**
     * Mel frames each row of a result's alignment stands for: the reduction factor of an
     * autoregressive model, 1 for a forward model (whose alignment is one row per frame).
     */
    int framesPerStep();

    /** Decodes the chunks together; each result in the order of {@code ids}. */
    Decoded decode(List<int[]> ids, SynthesisOptions options);

    /**
     * Decodes the chunks together, each spoken by its speaker row of a multi-speaker model; a
     * decoder of a single-speaker model takes only speaker 0.
     */
    default Decoded decode(List<int[]> ids, int[] speakers, SynthesisOptions options) {
        for (int s : speakers) {
            if (s != 0) {
                throw new InvalidInputException("this voice's model has one speaker; speaker " + s + " does not exist");
            }
        }
        return decode(ids, options);
    }

    /**
     * A decoded batch.
     *
     * @param sentences one per chunk, scored by the failure detectors
     * @param stepCap the most steps (alignment rows) a chunk was given; a result that did not stop
     *     was cut there
     */
    record Decoded(List<DecodedSentence> sentences, int stepCap) {}
}
