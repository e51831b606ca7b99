package io.mytts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A {@link TrainBatch} laid into tensors of one step's manager: tokens padded with 0, mels with 0
 * up to a multiple of the reduction factor (what the cache's batches already are, so nothing is
 * padded twice).
 */
public record PaddedBatch(NDArray tokens, int[] tokenLengths, NDArray mels, int[] melLengths,
        int reductionFactor, int[] speakers) {

    public static PaddedBatch of(NDManager manager, TrainBatch batch, int reductionFactor) {
        int b = batch.size();
        int[] melLengths = batch.melLengths();
        int maxFrames = max(melLengths);
        maxFrames = (maxFrames + reductionFactor - 1) / reductionFactor * reductionFactor;
        int bins = batch.melBins();
        float[] mel = new float[b * maxFrames * bins];
        for (int i = 0; i < b; i++) {
            // Only each row's real part: rows may come padded already (TrainBatch).
            float[][] frames = batch.mels()[i];
            for (int f = 0; f < melLengths[i]; f++) {
                System.arraycopy(frames[f], 0, mel, (i * maxFrames + f) * bins, bins);
            }
        }
        return new PaddedBatch(tokens(manager, batch), batch.tokenLengths(),
                manager.create(mel, new Shape(b, maxFrames, bins)), melLengths, reductionFactor, batch.speakers());
    }

    /**
     * The batch's tokens alone, as {@link #of} lays them: {@code [B, tokens]}, 0 past each row's
     * length. For a pass that does not read the mels (a forward model's teacher-forced one).
     */
    public static NDArray tokens(NDManager manager, TrainBatch batch) {
        int b = batch.size();
        int[] tokenLengths = batch.tokenLengths();
        int maxTokens = max(tokenLengths);
        long[] ids = new long[b * maxTokens];
        for (int i = 0; i < b; i++) {
            int[] t = batch.tokens()[i];
            for (int n = 0; n < tokenLengths[i]; n++) {
                ids[i * maxTokens + n] = t[n];
            }
        }
        return manager.create(ids, new Shape(b, maxTokens));
    }

    private static int max(int[] a) {
        int m = 1;
        for (int x : a) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Decoder steps per row: frames divided by the reduction factor, rounded up. */
    int[] decoderLengths() {
        int[] d = new int[melLengths.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (melLengths[i] + reductionFactor - 1) / reductionFactor;
        }
        return d;
    }

    /**
     * Real stop positions per row when the model gives {@code steps} stop logits: per frame
     * (steps = padded frames) or per decoder step (steps = padded frames / reduction factor).
     */
    int[] stopLengths(int steps) {
        int unit = Math.max(1, paddedFrames() / Math.max(1, steps));
        int[] d = new int[melLengths.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (melLengths[i] + unit - 1) / unit;
        }
        return d;
    }

    /** {@code [B, steps]}: 1 at each row's last real stop position, 0 elsewhere. */
    NDArray stopTargets(int steps) {
        int[] d = stopLengths(steps);
        float[] y = new float[d.length * steps];
        for (int i = 0; i < d.length; i++) {
            if (d[i] >= 1 && d[i] - 1 < steps) {
                y[i * steps + d[i] - 1] = 1;
            }
        }
        return tokens.getManager().create(y, new Shape(d.length, steps));
    }

    public int paddedFrames() {
        return (int) mels.getShape().get(1);
    }
}
