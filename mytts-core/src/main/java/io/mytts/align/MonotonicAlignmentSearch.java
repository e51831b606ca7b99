package io.mytts.align;

import java.util.Objects;

/**
 * Monotonic alignment search (Kim et al., "Glow-TTS", NeurIPS 2020, section 3.1 and Algorithm 1):
 * the hard alignment of mel frames to tokens that maximises the summed log-likelihood, where every
 * frame belongs to exactly one token, every token gets at least one frame, the first frame is on
 * the first token, the last on the last, and each frame's token is the previous frame's or the next.
 *
 * <p>Dynamic programming over {@code Q[i][j] = ll[i][j] + max(Q[i-1][j], Q[i-1][j-1])}, then a
 * backtrack from the last cell, in {@code O(frames · tokens)}. It is what lets a forward model learn
 * durations without an autoregressive teacher (the log-likelihood then comes from the model's own
 * prior); here it also aligns a teacher's attention, for comparison with {@link MonotonicPath}.
 *
 * @param durations frames per token, each at least 1, summing to the frames
 * @param logLikelihood the summed log-likelihood of the alignment
 */
public record MonotonicAlignmentSearch(int[] durations, double logLikelihood) {

    /** The best alignment for all of {@code logLikelihood}, {@code [frames][tokens]}. */
    public static MonotonicAlignmentSearch search(float[][] logLikelihood) {
        Objects.requireNonNull(logLikelihood, "logLikelihood");
        return search(logLikelihood, logLikelihood.length, logLikelihood.length == 0 ? 0 : logLikelihood[0].length);
    }

    /**
     * The best alignment for the valid part {@code [0, frames) x [0, tokens)} of a padded matrix.
     *
     * @throws IllegalArgumentException when there are fewer frames than tokens (no token may be empty)
     */
    public static MonotonicAlignmentSearch search(float[][] logLikelihood, int frames, int tokens) {
        Objects.requireNonNull(logLikelihood, "logLikelihood");
        if (tokens < 1 || frames < tokens || frames > logLikelihood.length) {
            throw new IllegalArgumentException("monotonic alignment search gives every token a frame, so it needs"
                    + " at least as many frames as tokens (and both within the matrix); got " + frames
                    + " frames, " + tokens + " tokens");
        }
        double[] q = new double[tokens];
        double[] next = new double[tokens];
        boolean[][] stayed = new boolean[frames][tokens]; // frame i's token came from frame i-1's same token
        java.util.Arrays.fill(q, Double.NEGATIVE_INFINITY);
        q[0] = value(logLikelihood[0], 0, tokens);
        for (int i = 1; i < frames; i++) {
            // Cells (i, j) on some full path: j <= i and tokens - j <= frames - i.
            int lo = Math.max(0, tokens - (frames - i));
            int hi = Math.min(tokens - 1, i);
            java.util.Arrays.fill(next, Double.NEGATIVE_INFINITY);
            for (int j = lo; j <= hi; j++) {
                double stay = q[j];
                double advance = j > 0 ? q[j - 1] : Double.NEGATIVE_INFINITY;
                stayed[i][j] = stay >= advance;
                next[j] = Math.max(stay, advance) + value(logLikelihood[i], j, tokens);
            }
            double[] t = q;
            q = next;
            next = t;
        }
        int[] durations = new int[tokens];
        int j = tokens - 1;
        for (int i = frames - 1; i >= 0; i--) {
            durations[j]++;
            if (i > 0 && !stayed[i][j]) {
                j--;
            }
        }
        return new MonotonicAlignmentSearch(durations, q[tokens - 1]);
    }

    private static double value(float[] row, int j, int tokens) {
        if (row.length < tokens) {
            throw new IllegalArgumentException("a row of " + row.length + " values for " + tokens + " tokens");
        }
        return row[j];
    }

    /**
     * The log of a decoder-step attention matrix {@code [steps][tokens]} upsampled to mel frames
     * {@code [frames][tokens]}: frame {@code f} takes the row of step {@code f / reductionFactor}.
     * Weights are floored at {@link MonotonicPath#FLOOR} before the log.
     */
    public static float[][] logAttentionPerFrame(float[][] attention, int frames, int tokens, int reductionFactor) {
        float[][] out = new float[frames][tokens];
        for (int f = 0; f < frames; f++) {
            float[] row = attention[f / reductionFactor];
            for (int t = 0; t < tokens; t++) {
                out[f][t] = (float) Math.log(Math.max(row[t], MonotonicPath.FLOOR));
            }
        }
        return out;
    }
}
