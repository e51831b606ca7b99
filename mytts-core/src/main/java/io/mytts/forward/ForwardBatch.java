package io.mytts.forward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mytts.data.Batch;
import io.mytts.data.FrameProsody;
import io.mytts.data.ProsodyStore;
import io.mytts.data.TokenProsody;
import io.mytts.train.CacheBatchSource;
import io.mytts.train.TrainBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A forward model's batch: tokens and mels, and per-token durations, pitch and energy (rows as long
 * as the batch's padded token rows, 0 past each row's tokens). With a learned alignment a batch
 * starts without them, holding each utterance's pitch and energy per frame instead
 * ({@link #unaligned}); {@link #align} then averages those over the durations found in the step.
 * No native memory: a step lays it into its tensors ({@link io.mytts.train.PaddedBatch}, and the
 * per-token values here).
 *
 * @param batch tokens and mels with their lengths
 * @param durations frames per token, or null before alignment
 * @param pitch normalised pitch per token, or null before alignment
 * @param energy normalised energy per token, or null before alignment
 * @param frames each utterance's pitch and energy per frame, or null when the batch came aligned
 */
public record ForwardBatch(TrainBatch batch, int[][] durations, float[][] pitch, float[][] energy,
        List<FrameProsody> frames) {

    public ForwardBatch {
        int n = batch.size();
        int[] tokens = batch.tokenLengths();
        int[] melLengths = batch.melLengths();
        if (frames != null) {
            frames = List.copyOf(frames);
            if (frames.size() != n) {
                throw new IllegalArgumentException("a forward batch needs frame values for each of its " + n
                        + " utterances");
            }
            for (int i = 0; i < n; i++) {
                if (frames.get(i).frames() != melLengths[i]) {
                    throw new IllegalArgumentException("utterance " + i + ": " + frames.get(i).frames()
                            + " frame values for " + melLengths[i] + " frames");
                }
            }
        }
        if (durations == null) {
            if (frames == null || pitch != null || energy != null) {
                throw new IllegalArgumentException("a forward batch without durations has frame values only");
            }
        } else {
            if (durations.length != n || pitch.length != n || energy.length != n) {
                throw new IllegalArgumentException("a forward batch needs durations, pitch and energy for each of its "
                        + n + " utterances");
            }
            for (int i = 0; i < n; i++) {
                int sum = 0;
                for (int t = 0; t < tokens[i]; t++) {
                    sum += durations[i][t];
                }
                if (sum != melLengths[i]) {
                    throw new IllegalArgumentException("utterance " + i + ": durations sum to " + sum
                            + " frames, not " + melLengths[i]);
                }
            }
        }
    }

    /** A batch with the teacher's per-token values. */
    public ForwardBatch(TrainBatch batch, int[][] durations, float[][] pitch, float[][] energy) {
        this(batch, durations, pitch, energy, null);
    }

    /**
     * The cache's batch with each utterance's per-token prosody from {@code store} (every id must be in
     * it): what training with the teacher's durations takes, and {@link ForwardTTS#teacherForced}.
     */
    public static ForwardBatch of(Batch b, ProsodyStore store) {
        List<TokenProsody> rows = new ArrayList<>(b.size());
        for (String id : b.ids()) {
            rows.add(store.get(id).orElseThrow(() -> new IllegalStateException(id + " has no prosody")));
        }
        return withTokens(CacheBatchSource.toTrainBatch(b), rows, b.maxTokens(), null);
    }

    /** The cache's batch with each utterance's per-frame prosody from {@code store}, not yet aligned. */
    static ForwardBatch unaligned(Batch b, ProsodyStore store) {
        List<FrameProsody> rows = new ArrayList<>(b.size());
        for (String id : b.ids()) {
            rows.add(store.frames(id).orElseThrow(() -> new IllegalStateException(id + " has no frame prosody")));
        }
        return new ForwardBatch(CacheBatchSource.toTrainBatch(b), null, null, null, rows);
    }

    /** Whether the batch has per-token durations, pitch and energy. */
    public boolean aligned() {
        return durations != null;
    }

    /**
     * This batch with {@code durations} (frames per real token of each row) and the per-token pitch and
     * energy they give: each token's mean of its frames' values ({@link FrameProsody#perToken}).
     */
    ForwardBatch align(int[][] durations) {
        if (frames == null) {
            throw new IllegalStateException("the batch has no frame values to align");
        }
        List<TokenProsody> rows = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            rows.add(frames.get(i).perToken(durations[i]));
        }
        int width = Arrays.stream(batch.tokenLengths()).max().orElse(0);
        return withTokens(batch, rows, width, frames);
    }

    private static ForwardBatch withTokens(TrainBatch batch, List<TokenProsody> rows, int width,
            List<FrameProsody> frames) {
        int n = rows.size();
        int[][] durations = new int[n][width];
        float[][] pitch = new float[n][width];
        float[][] energy = new float[n][width];
        for (int i = 0; i < n; i++) {
            TokenProsody p = rows.get(i);
            System.arraycopy(p.durations(), 0, durations[i], 0, p.tokens());
            System.arraycopy(p.pitch(), 0, pitch[i], 0, p.tokens());
            System.arraycopy(p.energy(), 0, energy[i], 0, p.tokens());
        }
        return new ForwardBatch(batch, durations, pitch, energy, frames);
    }

    public int size() {
        return batch.size();
    }

    /** The per-token pitch as {@code [batch, width]} values of {@code m} (0 past each row's tokens). */
    NDArray pitch(NDManager m, int width) {
        return perToken(m, pitch, width);
    }

    /** The per-token energy as {@code [batch, width]} values of {@code m} (0 past each row's tokens). */
    NDArray energy(NDManager m, int width) {
        return perToken(m, energy, width);
    }

    private static NDArray perToken(NDManager m, float[][] rows, int width) {
        float[] flat = new float[rows.length * width];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], 0, flat, b * width, Math.min(width, rows[b].length));
        }
        return m.create(flat, new Shape(rows.length, width));
    }

    /** Utterance {@code i}'s durations over its real tokens. */
    public int[] durations(int i) {
        return Arrays.copyOf(durations[i], batch.tokenLengths()[i]);
    }

    /** The rows' real durations, for the length regulator. */
    int[][] realDurations() {
        int[][] d = new int[size()][];
        for (int i = 0; i < d.length; i++) {
            d[i] = durations(i);
        }
        return d;
    }
}
