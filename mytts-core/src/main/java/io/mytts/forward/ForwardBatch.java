package io.mytts.forward;

import io.mytts.data.Batch;
import io.mytts.data.ProsodyStore;
import io.mytts.data.TokenProsody;
import io.mytts.train.CacheBatchSource;
import io.mytts.train.TrainBatch;

/**
 * A forward model's batch: tokens and mels, and the teacher's per-token durations, pitch and
 * energy (rows as long as the batch's padded token rows, 0 past each row's tokens). No native memory.
 *
 * @param batch tokens and mels with their lengths
 * @param durations frames per token
 * @param pitch normalised pitch per token
 * @param energy normalised energy per token
 */
public record ForwardBatch(TrainBatch batch, int[][] durations, float[][] pitch, float[][] energy) {

    public ForwardBatch {
        int n = batch.size();
        if (durations.length != n || pitch.length != n || energy.length != n) {
            throw new IllegalArgumentException("a forward batch needs durations, pitch and energy for each of its "
                    + n + " utterances");
        }
        int[] tokens = batch.tokenLengths();
        int[] frames = batch.melLengths();
        for (int i = 0; i < n; i++) {
            int sum = 0;
            for (int t = 0; t < tokens[i]; t++) {
                sum += durations[i][t];
            }
            if (sum != frames[i]) {
                throw new IllegalArgumentException("utterance " + i + ": durations sum to " + sum + " frames, not "
                        + frames[i]);
            }
        }
    }

    /** The cache's batch with each utterance's prosody from {@code store} (every id must be in it). */
    static ForwardBatch of(Batch b, ProsodyStore store) {
        int n = b.size();
        int width = b.maxTokens();
        int[][] durations = new int[n][width];
        float[][] pitch = new float[n][width];
        float[][] energy = new float[n][width];
        for (int i = 0; i < n; i++) {
            String id = b.ids()[i];
            TokenProsody p = store.get(id).orElseThrow(() -> new IllegalStateException(id + " has no prosody"));
            System.arraycopy(p.durations(), 0, durations[i], 0, p.tokens());
            System.arraycopy(p.pitch(), 0, pitch[i], 0, p.tokens());
            System.arraycopy(p.energy(), 0, energy[i], 0, p.tokens());
        }
        return new ForwardBatch(CacheBatchSource.toTrainBatch(b), durations, pitch, energy);
    }

    public int size() {
        return batch.size();
    }

    /** Utterance {@code i}'s durations over its real tokens. */
    public int[] durations(int i) {
        return java.util.Arrays.copyOf(durations[i], batch.tokenLengths()[i]);
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
