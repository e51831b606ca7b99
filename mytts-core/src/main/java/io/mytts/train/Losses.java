package io.mytts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mytts.config.MelLoss;
import io.mytts.nn.Scalars;

/**
 * The training losses, written from tensor ops (DJL's loss classes have measured bugs: see
 * DJL-NOTES.md). Every result is a scalar in the manager of the first array argument.
 */
public final class Losses {

    private Losses() {}

    /**
     * A float mask {@code [B, T]}: 1 where the frame index is below that row's length.
     *
     * @param manager where the mask lives
     * @param lengths true length of each row
     * @param maxLength padded length T
     */
    public static NDArray lengthMask(NDManager manager, int[] lengths, int maxLength) {
        NDArray positions = manager.arange(maxLength).expandDims(0);
        NDArray lens = manager.create(lengths).expandDims(1);
        return positions.lt(lens).toType(DataType.FLOAT32, false);
    }

    /**
     * Mean distance between predicted and target mels over the real frames only.
     *
     * @param predicted {@code [B, T, M]}
     * @param target {@code [B, T, M]}, padded the same way
     * @param lengths real frames per row
     * @param kind L1 (mean absolute error) or MSE (mean squared error)
     */
    public static NDArray maskedMel(NDArray predicted, NDArray target, int[] lengths, MelLoss kind) {
        Shape s = predicted.getShape();
        if (!s.equals(target.getShape())) {
            throw new IllegalArgumentException("mel shapes differ: " + s + " vs " + target.getShape());
        }
        NDArray mask = lengthMask(predicted.getManager(), lengths, (int) s.get(1)).expandDims(2);
        NDArray diff = predicted.sub(target);
        NDArray distance = kind == MelLoss.L1 ? diff.abs() : diff.square();
        NDArray total = distance.mul(mask).sum();
        // Each real frame contributes M values.
        return total.div(mask.sum().mul(s.get(2)).maximum(1f));
    }

    /**
     * Binary cross-entropy from logits with a weight on the positive class, as PyTorch's
     * {@code BCEWithLogitsLoss(pos_weight)}, averaged over the real frames. In the stable form
     * {@code (1 - y)·x + (1 + (w - 1)·y)·(log(1 + e^{-|x|}) + max(-x, 0))}, which never
     * evaluates {@code exp} of a large positive number.
     *
     * @param logits {@code [B, T]}
     * @param targets {@code [B, T]}, 1 at stop frames and 0 elsewhere
     * @param lengths real frames per row
     * @param posWeight weight of the positive class
     */
    public static NDArray stopBce(NDArray logits, NDArray targets, int[] lengths, double posWeight) {
        NDManager m = logits.getManager();
        NDArray mask = lengthMask(m, lengths, (int) logits.getShape().get(1));
        NDArray y = targets.toType(DataType.FLOAT32, false);
        NDArray softplusNegX = logits.abs().neg().exp().add(1f).log().add(Scalars.maximum(logits.neg(), 0));
        NDArray weight = y.mul((float) (posWeight - 1)).add(1f);
        NDArray perFrame = y.neg().add(1f).mul(logits).add(weight.mul(softplusNegX));
        return perFrame.mul(mask).sum().div(mask.sum().maximum(1f));
    }

    /**
     * The guided-attention penalty matrices of Tachibana et al. (2017), masked:
     * {@code W[b, t, n] = 1 - exp(-(n/N_b - t/T_b)^2 / (2 g^2))} where {@code t < T_b} and
     * {@code n < N_b}, and 0 elsewhere.
     *
     * @param decoderLengths T_b: decoder steps of each row
     * @param encoderLengths N_b: input tokens of each row
     * @param maxDecoder padded decoder length
     * @param maxEncoder padded encoder length
     * @param sigma the width g
     * @return {@code [B, maxDecoder, maxEncoder]} row-major
     */
    static float[] guidedWeights(int[] decoderLengths, int[] encoderLengths, int maxDecoder,
            int maxEncoder, double sigma) {
        int batch = decoderLengths.length;
        float[] w = new float[batch * maxDecoder * maxEncoder];
        double twoG2 = 2 * sigma * sigma;
        for (int b = 0; b < batch; b++) {
            int tLen = decoderLengths[b];
            int nLen = encoderLengths[b];
            for (int t = 0; t < Math.min(tLen, maxDecoder); t++) {
                for (int n = 0; n < Math.min(nLen, maxEncoder); n++) {
                    double d = (double) n / nLen - (double) t / tLen;
                    w[(b * maxDecoder + t) * maxEncoder + n] = (float) (1 - Math.exp(-d * d / twoG2));
                }
            }
        }
        return w;
    }

    /**
     * Guided attention loss of one layer's cross-attention: the mean of {@code A · W} over the
     * real (decoder step, token) cells and the chosen heads.
     *
     * @param attention {@code [B, H, T, N]} attention weights (rows sum to 1)
     * @param decoderLengths real decoder steps per row
     * @param encoderLengths real tokens per row
     * @param heads heads to guide; null or empty means all
     * @param sigma the width g (0.2 in the paper)
     */
    public static NDArray guidedAttention(NDArray attention, int[] decoderLengths,
            int[] encoderLengths, int[] heads, double sigma) {
        Shape s = attention.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("attention must be [B, H, T, N], not " + s);
        }
        int batch = (int) s.get(0);
        int maxDecoder = (int) s.get(2);
        int maxEncoder = (int) s.get(3);
        NDManager m = attention.getManager();
        NDArray selected = attention;
        int headCount = (int) s.get(1);
        if (heads != null && heads.length > 0) {
            selected = takeHeads(attention, heads);
            headCount = heads.length;
        }
        float[] w = guidedWeights(decoderLengths, encoderLengths, maxDecoder, maxEncoder, sigma);
        NDArray weights = m.create(w, new Shape(batch, 1, maxDecoder, maxEncoder));
        long cells = 0;
        for (int b = 0; b < batch; b++) {
            cells += (long) Math.min(decoderLengths[b], maxDecoder) * Math.min(encoderLengths[b], maxEncoder);
        }
        return Scalars.div(selected.mul(weights).sum(), Math.max(1, cells * headCount));
    }

    private static NDArray takeHeads(NDArray attention, int[] heads) {
        NDArray[] parts = new NDArray[heads.length];
        for (int i = 0; i < heads.length; i++) {
            parts[i] = attention.get(":, {}:{}", heads[i], heads[i] + 1);
        }
        return parts.length == 1 ? parts[0] : NDArrays.concat(new NDList(parts), 1);
    }
}
