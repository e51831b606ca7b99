package io.mytts.align;

import ai.djl.ndarray.NDArray;

/**
 * A model that can report its decoder's cross-attention under teacher forcing: the decoder reads
 * the ground-truth mel frames (shifted by one, as in training) instead of its own output, so the
 * attention shows what the model has learned about the alignment of this utterance.
 *
 * <p>This is the only thing {@link Alignments#extract} needs from the model, so that the monitor
 * does not depend on {@code io.mytts.model}. A model implements it (or passes a method reference,
 * {@code Alignments.extract(model::teacherForcedCrossAttention, ids, mel)}).
 */
@FunctionalInterface
public interface CrossAttentionSource {

    /**
     * The cross-attention weights of every decoder layer and head for one utterance (batch 1).
     *
     * <p>The implementation runs in inference mode (no dropout, no gradient recording) and copies
     * the weights out of native memory, so that no NDArray outlives the call.
     *
     * @param encIds input token ids, shape {@code (tokens)} or {@code (1, tokens)}
     * @param melTarget ground-truth mel frames, shape {@code (steps, nMels)} or {@code (1, steps, nMels)}
     * @return weights as {@code [layer][head][decoderStep][token]}; each row (one decoder step) is a
     *     softmax over the tokens and sums to 1
     */
    float[][][][] teacherForcedCrossAttention(NDArray encIds, NDArray melTarget);
}
