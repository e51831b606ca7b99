package io.mytts.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A teacher-forced forward pass.
 *
 * @param melBefore {@code [B, T, M]} mel before the postnet (T at least the padded target length)
 * @param melAfter {@code [B, T, M]} mel after the postnet
 * @param stopLogits {@code [B, S]} stop logits per decoder step (S = T / reduction factor)
 * @param crossAttention per decoder layer, {@code [B, H, S, N]} attention over input tokens
 */
public record ForwardOutput(NDArray melBefore, NDArray melAfter, NDArray stopLogits,
        List<NDArray> crossAttention) {}
