package io.mytts.forward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * FastSpeech's length regulator: each token's state repeated for as many frames as it lasts, in
 * one gather over the batch (gradients flow back to the token states), and the rounding of
 * predicted durations to whole frames.
 */
final class LengthRegulator {

    private LengthRegulator() {}

    /**
     * Frame states {@code [batch, frames, dim]}: frame {@code t} of row {@code b} is token state
     * {@code i} of that row for the {@code durations[b][i]} frames of token {@code i}; frames past a
     * row's total repeat token 0 (mask them).
     *
     * @param tokens {@code [batch, tokens, dim]}
     * @param frames the padded frame count, at least every row's total
     */
    static NDArray expand(NDArray tokens, int[][] durations, int frames) {
        Shape s = tokens.getShape();
        int batch = (int) s.get(0);
        long dim = s.get(2);
        long[] index = new long[batch * frames];
        for (int b = 0; b < batch; b++) {
            int t = 0;
            for (int i = 0; i < durations[b].length; i++) {
                for (int k = 0; k < durations[b][i]; k++) {
                    index[b * frames + t++] = i;
                }
            }
        }
        NDManager m = tokens.getManager();
        NDArray gather = m.create(index, new Shape(batch, frames, 1)).broadcast(new Shape(batch, frames, dim));
        return tokens.gather(gather, 1);
    }

    /** Each row's total frames. */
    static int[] totals(int[][] durations) {
        int[] t = new int[durations.length];
        for (int b = 0; b < t.length; b++) {
            for (int d : durations[b]) {
                t[b] += d;
            }
        }
        return t;
    }

    /**
     * Whole frames per token from predicted real-valued ones divided by {@code speed}, rounded with
     * a running remainder, so that the total is the rounded total (scaling the length accurately)
     * rather than a sum of per-token rounding errors. At least one frame in all.
     */
    static int[] round(double[] frames, double speed) {
        int[] out = new int[frames.length];
        double sum = 0;
        long before = 0;
        int longest = 0;
        for (int i = 0; i < frames.length; i++) {
            double f = Math.max(0, frames[i]) / speed;
            sum += f;
            long upTo = Math.round(sum);
            out[i] = (int) (upTo - before);
            before = upTo;
            if (frames[i] > frames[longest]) {
                longest = i;
            }
        }
        if (before == 0 && out.length > 0) {
            out[longest] = 1;
        }
        return out;
    }
}
