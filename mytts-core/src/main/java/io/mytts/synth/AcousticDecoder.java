package io.mytts.synth;

import io.mytts.ssml.Style;
import java.util.List;

/**
 * How a voice's acoustic model turns a batch of chunks (token ids) into mels: autoregressive
 * generation ({@link AutoregressiveDecoder}, with beam search and repair) or one parallel pass of a forward model
 * ({@link ForwardDecoder}). The synthesizer plans, vocodes and times what it gets the same way for
 * both; only a decoder that {@link #controlsProsody() controls prosody} itself is spared
 * {@link io.mytts.audio.MelProsody} on its mels.
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
     * Decodes the chunks together, each in its style ({@code styles[i]} for {@code ids[i]}); a
     * decoder that does not {@link #controlsProsody()} ignores the styles (the synthesizer applies
     * them to the mel afterwards).
     */
    default Decoded decode(List<int[]> ids, List<Style> styles, SynthesisOptions options) {
        return decode(ids, options);
    }

    /**
     * Whether the model itself speaks at the request's speed and pitch and the styles' rate and
     * pitch (a forward model's durations and pitch); false: its mels are as the model speaks, and
     * only a style's rate and pitch are applied to them afterwards (speed and pitch are refused).
     */
    default boolean controlsProsody() {
        return false;
    }

    /**
     * A decoded batch.
     *
     * @param sentences one per chunk, scored by the failure detectors
     * @param stepCap the most steps (alignment rows) a chunk was given; a result that did not stop
     *     was cut there
     * @param warnings what the decoder could not do as asked, for the request's warnings
     */
    record Decoded(List<DecodedSentence> sentences, int stepCap, List<String> warnings) {

        public Decoded {
            warnings = List.copyOf(warnings);
        }

        /** A batch decoded as asked. */
        public Decoded(List<DecodedSentence> sentences, int stepCap) {
            this(sentences, stepCap, List.of());
        }
    }
}
