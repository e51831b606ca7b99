package io.mytts.train;

/**
 * What one training step measured.
 *
 * @param step the step number (1-based)
 * @param loss total loss
 * @param melBefore mel loss before the postnet
 * @param melAfter mel loss after the postnet
 * @param stop stop-token loss
 * @param guidedAttention guided attention loss (before its weight)
 * @param guidedWeight weight of the guided attention loss at this step
 * @param gradNorm global gradient norm before clipping
 * @param clippedNorm global gradient norm after clipping
 * @param lr learning rate used
 * @param frames real mel frames in the batch
 * @param skipped whether the update was skipped (non-finite loss or gradient)
 * @param diagonality of the first utterance's cross-attention, measured on logging steps (NaN on others)
 */
public record StepMetrics(long step, double loss, double melBefore, double melAfter, double stop,
        double guidedAttention, double guidedWeight, double gradNorm, double clippedNorm, double lr,
        long frames, boolean skipped, double diagonality) {}
