package io.mytts.synth;

import io.mytts.ssml.Style;
import java.util.List;
import java.util.Objects;

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

    /**
     * Decodes the chunks together, each by its speaker and (when the decoder {@link #controlsProsody()})
     * in its style; each result in the order of {@code chunks}.
     *
     * @throws io.mytts.InvalidInputException when a chunk names a speaker row the model does not have
     */
    Decoded decode(List<Input> chunks, SynthesisOptions options);

    /**
     * Whether the model itself speaks at the request's speed and pitch and the styles' rate and
     * pitch (a forward model's durations and pitch); false: its mels are as the model speaks, and
     * only a style's rate and pitch are applied to them afterwards (speed and pitch are refused).
     */
    default boolean controlsProsody() {
        return false;
    }

    /**
     * What one chunk is decoded from.
     *
     * @param ids its token ids
     * @param style its style; a decoder that does not {@link #controlsProsody()} ignores it (the
     *     synthesizer applies its rate and pitch to the mel afterwards)
     * @param speaker its speaker row of a multi-speaker model; 0 for a single speaker
     */
    record Input(int[] ids, Style style, int speaker) {

        public Input {
            Objects.requireNonNull(ids, "ids");
            Objects.requireNonNull(style, "style");
        }

        /** A chunk in the default style, spoken by speaker 0. */
        public static Input of(int[] ids) {
            return new Input(ids, Style.DEFAULT, 0);
        }

        /** Chunks in the default style, spoken by speaker 0. */
        public static List<Input> of(List<int[]> ids) {
            return ids.stream().map(Input::of).toList();
        }
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
