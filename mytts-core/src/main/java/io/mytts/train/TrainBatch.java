package io.mytts.train;

/**
 * One batch as plain arrays: ragged token ids and mel frames per utterance. The trainer pads
 * them inside each step's NDManager, so a batch holds no native memory.
 *
 * @param tokens token ids per utterance
 * @param mels mel frames per utterance, {@code [frames][melBins]}
 */
public record TrainBatch(int[][] tokens, float[][][] mels) {

    public TrainBatch {
        if (tokens.length != mels.length || tokens.length == 0) {
            throw new IllegalArgumentException("a batch needs as many token rows as mel rows, at least one");
        }
    }

    public int size() {
        return tokens.length;
    }

    public int[] tokenLengths() {
        int[] n = new int[tokens.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = tokens[i].length;
        }
        return n;
    }

    public int[] melLengths() {
        int[] n = new int[mels.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = mels[i].length;
        }
        return n;
    }

    public int melBins() {
        return mels[0][0].length;
    }

    /** Real mel frames in the batch (no padding). */
    public long frames() {
        long f = 0;
        for (float[][] m : mels) {
            f += m.length;
        }
        return f;
    }
}
