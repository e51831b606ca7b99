package io.mytts.align;

import java.util.Objects;

/**
 * The most probable monotonic path through an attention matrix {@code [decoderSteps][tokens]}, and
 * the per-token durations it gives.
 *
 * <p>The path visits one token per decoder step. It starts on any token (leading tokens may get no
 * step), never moves backwards, may advance any number of tokens between two steps (the tokens it
 * jumps over get 0 steps), and ends on the last token. Among all such paths it is the one with the
 * largest product of attention weights, found by Viterbi in the log domain in
 * {@code O(steps · tokens)}: the best score of being on token {@code j} at step {@code s} is
 * {@code log a[s][j] + max over i <= j} of the best score at step {@code s - 1}, a running maximum.
 *
 * @param stepsPerToken decoder steps spent on each token (sum = the steps)
 * @param logScore the sum of the log attention weights along the path (weights floored at
 *     {@link #FLOOR})
 * @param meanProbability the arithmetic mean of the attention weights along the path: the share of
 *     attention a step gives the token the path puts it on, 1 for a perfectly sharp alignment
 */
public record MonotonicPath(int[] stepsPerToken, double logScore, double meanProbability) {

    /** Attention weights below this count as this in the log domain (log 0 would tie all bad paths). */
    public static final double FLOOR = 1e-12;

    /** The most probable path through the whole of {@code attention}. */
    public static MonotonicPath find(float[][] attention) {
        Objects.requireNonNull(attention, "attention");
        return find(attention, attention.length, attention.length == 0 ? 0 : attention[0].length);
    }

    /**
     * The most probable path through the valid part {@code [0, steps) x [0, tokens)} of a padded
     * attention matrix.
     */
    public static MonotonicPath find(float[][] attention, int steps, int tokens) {
        Objects.requireNonNull(attention, "attention");
        if (steps < 1 || tokens < 1 || steps > attention.length) {
            throw new IllegalArgumentException("a path needs at least one step and one token within the matrix, got "
                    + steps + " steps, " + tokens + " tokens of a " + attention.length + "-row matrix");
        }
        double[] score = new double[tokens];
        int[][] from = new int[steps][tokens]; // the token of step s - 1 on the best path to (s, j)
        for (int j = 0; j < tokens; j++) {
            score[j] = log(attention[0], j, tokens);
        }
        double[] next = new double[tokens];
        for (int s = 1; s < steps; s++) {
            double best = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int j = 0; j < tokens; j++) {
                if (score[j] > best) {
                    best = score[j];
                    arg = j;
                }
                next[j] = best + log(attention[s], j, tokens);
                from[s][j] = arg;
            }
            double[] t = score;
            score = next;
            next = t;
        }
        int[] stepsPerToken = new int[tokens];
        double mean = 0;
        int j = tokens - 1;
        for (int s = steps - 1; s >= 0; s--) {
            stepsPerToken[j]++;
            mean += attention[s][j];
            j = from[s][j];
        }
        return new MonotonicPath(stepsPerToken, score[tokens - 1], mean / steps);
    }

    private static double log(float[] row, int j, int tokens) {
        if (row.length < tokens) {
            throw new IllegalArgumentException("a row of " + row.length + " weights for " + tokens + " tokens");
        }
        return Math.log(Math.max(row[j], FLOOR));
    }

    /** Decoder steps of the path. */
    public int steps() {
        int n = 0;
        for (int s : stepsPerToken) {
            n += s;
        }
        return n;
    }

    /** Whether every token got at least one step. */
    public boolean coversEveryToken() {
        for (int s : stepsPerToken) {
            if (s == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Mel frames per token: each decoder step emits {@code reductionFactor} frames, except the last,
     * which covers only the frames left, so the durations sum to {@code frames} exactly.
     *
     * @param frames the mel length; the path must have {@code ceil(frames / reductionFactor)} steps
     */
    public int[] frames(int frames, int reductionFactor) {
        return stepsToFrames(stepsPerToken, frames, reductionFactor);
    }

    /** {@link #frames(int, int)} for any steps per token. */
    public static int[] stepsToFrames(int[] stepsPerToken, int frames, int reductionFactor) {
        if (reductionFactor < 1) {
            throw new IllegalArgumentException("reduction factor must be at least 1, not " + reductionFactor);
        }
        int steps = 0;
        int last = -1;
        for (int t = 0; t < stepsPerToken.length; t++) {
            steps += stepsPerToken[t];
            if (stepsPerToken[t] > 0) {
                last = t;
            }
        }
        if (frames < 1 || steps != (frames + reductionFactor - 1) / reductionFactor) {
            throw new IllegalArgumentException(steps + " decoder steps of " + reductionFactor + " frames cannot make "
                    + frames + " frames; they need " + (frames + reductionFactor - 1) / reductionFactor + " steps");
        }
        int[] out = new int[stepsPerToken.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = stepsPerToken[t] * reductionFactor;
        }
        out[last] -= steps * reductionFactor - frames; // the last step is only partly real
        return out;
    }
}
