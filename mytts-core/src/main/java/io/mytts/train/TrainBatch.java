package io.mytts.train;

import java.util.Arrays;

/**
 * One batch as plain arrays: token ids and mel frames per utterance, with each row's real length.
 * Rows may be ragged (exactly their length) or already padded (longer, as the feature cache's
 * batches come), so that a batch is padded once: {@link PaddedBatch} lays the real part of each
 * row into the step's tensors and never unpads or re-pads in between. A batch holds no native
 * memory.
 *
 * @param tokens token ids per utterance, at least {@code tokenLengths[i]} of them
 * @param mels mel frames per utterance, {@code [frames][melBins]}, at least {@code melLengths[i]}
 * @param tokenLengths real tokens per utterance
 * @param melLengths real frames per utterance
 * @param speakers speaker row per utterance (all 0 in a single-speaker corpus)
 */
public record TrainBatch(int[][] tokens, float[][][] mels, int[] tokenLengths, int[] melLengths, int[] speakers) {

    public TrainBatch {
        if (speakers == null) {
            speakers = new int[tokens.length];
        }
        if (speakers.length != tokens.length) {
            throw new IllegalArgumentException("a batch needs one speaker per utterance");
        }
        if (tokens.length != mels.length || tokens.length == 0) {
            throw new IllegalArgumentException("a batch needs as many token rows as mel rows, at least one");
        }
        if (tokenLengths.length != tokens.length || melLengths.length != mels.length) {
            throw new IllegalArgumentException("a batch needs one token and one mel length per utterance");
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokenLengths[i] > tokens[i].length || melLengths[i] > mels[i].length) {
                throw new IllegalArgumentException("utterance " + i + " is shorter than its length");
            }
        }
    }

    /** A batch of speaker 0. */
    public TrainBatch(int[][] tokens, float[][][] mels, int[] tokenLengths, int[] melLengths) {
        this(tokens, mels, tokenLengths, melLengths, null);
    }

    /** A batch of ragged rows: each row is exactly as long as its utterance. */
    public TrainBatch(int[][] tokens, float[][][] mels) {
        this(tokens, mels, lengths(tokens), lengths(mels));
    }

    private static int[] lengths(int[][] rows) {
        return Arrays.stream(rows).mapToInt(r -> r.length).toArray();
    }

    private static int[] lengths(float[][][] rows) {
        return Arrays.stream(rows).mapToInt(r -> r.length).toArray();
    }

    public int size() {
        return tokens.length;
    }

    @Override
    public int[] tokenLengths() {
        return tokenLengths.clone();
    }

    @Override
    public int[] melLengths() {
        return melLengths.clone();
    }

    @Override
    public int[] speakers() {
        return speakers.clone();
    }

    /** Utterance {@code i}'s real token ids (a copy only when its row is padded). */
    public int[] tokens(int i) {
        return tokens[i].length == tokenLengths[i] ? tokens[i] : Arrays.copyOf(tokens[i], tokenLengths[i]);
    }

    /** Utterance {@code i}'s real mel frames (a copy of the row array only when it is padded). */
    public float[][] mel(int i) {
        return mels[i].length == melLengths[i] ? mels[i] : Arrays.copyOf(mels[i], melLengths[i]);
    }

    public int melBins() {
        return mels[0][0].length;
    }

    /** Real mel frames in the batch (no padding). */
    public long frames() {
        long f = 0;
        for (int n : melLengths) {
            f += n;
        }
        return f;
    }
}
