package io.mytts.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What a teacher-forced pass returns; every array lives in the manager of the token ids given to
 * {@link TransformerTTS#forward}.
 *
 * @param melBefore decoder mel {@code [batch, frames, nMels]} before the postnet
 * @param melAfter mel after the residual postnet {@code [batch, frames, nMels]}
 * @param stopLogits stop-token logits {@code [batch, frames]} (sigmoid gives the probability that
 *     the utterance ends at or before this frame; the usual target is 1 from the last real frame on)
 * @param crossAttention per decoder layer, the cross-attention weights
 *     {@code [batch, heads, decoderSteps, tokens]}; a decoder step emits {@code reductionFactor}
 *     frames, so {@code decoderSteps = ceil(frames / r)}
 * @param decoderStepLengths real decoder steps of each item, {@code ceil(melLength / r)}
 */
public record ForwardOutput(
        NDArray melBefore,
        NDArray melAfter,
        NDArray stopLogits,
        List<NDArray> crossAttention,
        int[] decoderStepLengths) {}
