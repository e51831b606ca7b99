package io.mytts.data;

import java.util.List;

/**
 * A padded batch as plain arrays; the trainer turns them into NDArrays. Padding is 0 in tokens (the
 * symbol table's pad id) and in mels (mask it out of losses); masks are true on real positions.
 * The stop target is 1 from the last real frame on (padding included), so a loss may use it with
 * or without the mel mask.
 *
 * @param ids utterance ids, [B]
 * @param speakers speaker index of each utterance in the cache's speaker list (0 when single-speaker), [B]
 * @param tokens token ids, [B][T]
 * @param tokenLengths real tokens of each row, [B]
 * @param tokenMask true on real tokens, [B][T]
 * @param mels log-mels, [B][F][nMels]
 * @param melLengths real frames of each row, [B]
 * @param melMask true on real frames, [B][F]
 * @param stopTargets 1 from the last real frame on, else 0, [B][F]
 * @param position the position of the batch after this one
 */
public record Batch(
        String[] ids, int[] speakers, int[][] tokens, int[] tokenLengths, boolean[][] tokenMask,
        float[][][] mels, int[] melLengths, boolean[][] melMask, float[][] stopTargets, BatchPosition position) {

    public int size() {
        return ids.length;
    }

    /** Padded token length T. */
    public int maxTokens() {
        return tokens.length == 0 ? 0 : tokens[0].length;
    }

    /** Padded frame length F. */
    public int maxFrames() {
        return mels.length == 0 ? 0 : mels[0].length;
    }

    /** Pads utterances into a batch; mel lengths are padded up to a multiple of {@code padMultiple}. */
    static Batch of(List<CachedUtterance> items, int[] speakerIndices, int nMels, int padMultiple, BatchPosition next) {
        int b = items.size();
        int maxT = 0;
        int maxF = 0;
        for (CachedUtterance u : items) {
            maxT = Math.max(maxT, u.tokens().length);
            maxF = Math.max(maxF, u.frames());
        }
        maxF = (maxF + padMultiple - 1) / padMultiple * padMultiple;
        String[] ids = new String[b];
        int[][] tokens = new int[b][maxT];
        int[] tokenLengths = new int[b];
        boolean[][] tokenMask = new boolean[b][maxT];
        float[][][] mels = new float[b][maxF][];
        int[] melLengths = new int[b];
        boolean[][] melMask = new boolean[b][maxF];
        float[][] stop = new float[b][maxF];
        for (int i = 0; i < b; i++) {
            CachedUtterance u = items.get(i);
            ids[i] = u.id();
            int t = u.tokens().length;
            System.arraycopy(u.tokens(), 0, tokens[i], 0, t);
            tokenLengths[i] = t;
            java.util.Arrays.fill(tokenMask[i], 0, t, true);
            int f = u.frames();
            for (int j = 0; j < maxF; j++) {
                mels[i][j] = j < f ? u.mel()[j] : new float[nMels];
            }
            melLengths[i] = f;
            java.util.Arrays.fill(melMask[i], 0, f, true);
            java.util.Arrays.fill(stop[i], Math.max(0, f - 1), maxF, 1f);
        }
        return new Batch(ids, speakerIndices.clone(), tokens, tokenLengths, tokenMask, mels, melLengths, melMask,
                stop, next);
    }
}
