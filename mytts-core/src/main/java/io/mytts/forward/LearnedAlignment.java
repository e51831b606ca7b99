package io.mytts.forward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mytts.align.MonotonicAlignmentSearch;
import io.mytts.config.MelLoss;
import io.mytts.nn.Scalars;
import io.mytts.train.Losses;

/**
 * Durations a forward model finds itself while it trains, as Glow-TTS does (Kim et al. 2020,
 * section 3.1): each token {@code i} has a mel mean {@code μ_i} (the model's alignment prior), each
 * mel frame {@code x_t} is a unit-variance Gaussian around its token's mean, so that
 * {@code log p(x_t | i) = −½‖x_t − μ_i‖²} up to a constant; {@link MonotonicAlignmentSearch} (no
 * gradient) finds the monotonic hard alignment of largest summed log-likelihood, and the prior
 * learns from the negative log-likelihood of each frame under its token.
 */
final class LearnedAlignment {

    /** ½·ln 2π: the Gaussian's constant per mel value, so that the loss is a true negative log-likelihood. */
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private LearnedAlignment() {}

    /**
     * {@code −½‖x_t − μ_i‖²} for every frame and token, {@code [batch, frames, tokens]}, as
     * {@code x·μ − ½‖x‖² − ½‖μ‖²} (one batched matrix product), with no gradient.
     *
     * @param mels {@code [batch, frames, nMels]}
     * @param means {@code [batch, tokens, nMels]}
     */
    static NDArray logLikelihood(NDArray mels, NDArray means) {
        NDArray mu = means.stopGradient();
        NDArray xx = mels.square().sum(new int[] {2}, true);
        NDArray mm = mu.square().sum(new int[] {2}).expandDims(1);
        return mels.matMul(mu.transpose(0, 2, 1)).sub(xx.add(mm).div(2f));
    }

    /**
     * The MAS durations of each row's real frames and tokens, read from {@code logLikelihood} in one
     * copy to Java: frames per token, each at least 1, summing to the row's frames.
     *
     * @throws IllegalArgumentException when a row has fewer frames than tokens
     */
    static int[][] durations(NDArray logLikelihood, int[] frames, int[] tokens) {
        Shape s = logLikelihood.getShape();
        int width = (int) s.get(1);
        int count = (int) s.get(2);
        float[] flat = logLikelihood.toType(DataType.FLOAT32, false).toFloatArray();
        int[][] out = new int[frames.length][];
        for (int b = 0; b < frames.length; b++) {
            float[][] rows = new float[frames[b]][tokens[b]];
            for (int t = 0; t < frames[b]; t++) {
                System.arraycopy(flat, (b * width + t) * count, rows[t], 0, tokens[b]);
            }
            out[b] = MonotonicAlignmentSearch.search(rows, frames[b], tokens[b]).durations();
        }
        return out;
    }

    /**
     * The prior's loss: the Gaussian negative log-likelihood of every real frame under its token's
     * mean by {@code durations}, per mel value ({@code ½(x − μ)² + ½ ln 2π}, averaged over real
     * frames and mel bands, so that its scale does not grow with the bands).
     */
    static NDArray loss(NDArray means, NDArray mels, int[][] durations, int[] frames) {
        NDArray expanded = LengthRegulator.expand(means, durations, (int) mels.getShape().get(1));
        NDArray squared = Losses.maskedMel(expanded, mels, frames, MelLoss.MSE);
        return Scalars.mul(squared, 0.5).add(Scalars.of(squared, HALF_LOG_TWO_PI));
    }
}
