package io.mytts.model;

/**
 * One generated utterance, as plain Java arrays (nothing native to close).
 *
 * @param mel mel frames after the postnet, {@code [frames][nMels]}
 * @param melBeforePostnet the decoder's frames before the postnet, {@code [frames][nMels]}
 * @param stopProbabilities stop probability of each frame
 * @param alignment cross-attention of each decoder step over the tokens, averaged over layers and
 *     heads, {@code [steps][tokens]} (a step emits {@code reductionFactor} frames)
 * @param stopped whether the stop token fired (false: cut at {@code maxSteps})
 */
public record GenerationResult(
        float[][] mel,
        float[][] melBeforePostnet,
        float[] stopProbabilities,
        float[][] alignment,
        boolean stopped) {

    public int frames() {
        return mel.length;
    }
}
