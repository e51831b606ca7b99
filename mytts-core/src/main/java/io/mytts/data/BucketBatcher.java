package io.mytts.data;

import io.mytts.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Groups utterances into batches of similar length, so little of a batch is padding.
 *
 * <p>Each epoch shuffles the items with {@code seed} and the epoch number, cuts them into pools of
 * {@code poolBatches x maxBatchSize} items, sorts each pool by length and fills batches greedily
 * while the padded size (items x longest, rounded up to {@code padMultiple}) stays within
 * {@code batchFrames} and the count within {@code maxBatchSize}; then shuffles the batches. The same
 * seed and epoch always give the same batches, which makes a position (epoch, index) resumable.
 */
final class BucketBatcher {

    private static final int POOL_BATCHES = 32;

    private final int[] frames;
    private final int batchFrames;
    private final int maxBatchSize;
    private final int padMultiple;
    private final long seed;

    /**
     * @param frames mel frames of each item (the batches hold indices into this array)
     * @param batchFrames most padded frames in one batch
     * @param maxBatchSize most items in one batch
     * @param padMultiple mel lengths are padded up to a multiple of this (the reduction factor), 1 for none
     * @param seed seed of the shuffles
     */
    BucketBatcher(int[] frames, int batchFrames, int maxBatchSize, int padMultiple, long seed) {
        if (batchFrames <= 0 || maxBatchSize <= 0 || padMultiple <= 0) {
            throw new IllegalArgumentException("batchFrames, maxBatchSize and padMultiple must be positive");
        }
        this.frames = frames.clone();
        this.batchFrames = batchFrames;
        this.maxBatchSize = maxBatchSize;
        this.padMultiple = padMultiple;
        this.seed = seed;
        for (int i = 0; i < frames.length; i++) {
            if (padded(frames[i]) > batchFrames) {
                throw new InvalidInputException("an utterance of " + frames[i] + " frames does not fit a batch of "
                        + batchFrames + " frames; raise batch_frames or lower max_frames so it is skipped");
            }
        }
    }

    /** The length an item of {@code n} frames is padded to. */
    int padded(int n) {
        return (n + padMultiple - 1) / padMultiple * padMultiple;
    }

    /** The batches of one epoch, each an array of item indices sorted by length, longest first. */
    List<int[]> epoch(int epoch) {
        Random rng = new Random(seed * 1_000_003L + epoch);
        List<Integer> order = new ArrayList<>(frames.length);
        for (int i = 0; i < frames.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rng);
        List<int[]> batches = new ArrayList<>();
        int pool = POOL_BATCHES * maxBatchSize;
        for (int start = 0; start < order.size(); start += pool) {
            List<Integer> items = new ArrayList<>(order.subList(start, Math.min(order.size(), start + pool)));
            items.sort((a, b) -> frames[b] != frames[a] ? Integer.compare(frames[b], frames[a]) : Integer.compare(a, b));
            fill(items, batches);
        }
        Collections.shuffle(batches, rng);
        return batches;
    }

    /** Greedy fill of items sorted longest first: the first item of a batch sets its padded length. */
    private void fill(List<Integer> sortedLongestFirst, List<int[]> batches) {
        int[] current = new int[maxBatchSize];
        int count = 0;
        int longest = 0;
        for (int item : sortedLongestFirst) {
            int len = count == 0 ? padded(frames[item]) : longest;
            if (count > 0 && (count == maxBatchSize || (long) (count + 1) * longest > batchFrames)) {
                batches.add(Arrays.copyOf(current, count));
                count = 0;
                len = padded(frames[item]);
            }
            longest = len;
            current[count++] = item;
        }
        if (count > 0) {
            batches.add(Arrays.copyOf(current, count));
        }
    }

    /** Batches in length order, no shuffling: for validation, where order does not matter but waste does. */
    List<int[]> sorted() {
        List<Integer> items = new ArrayList<>(frames.length);
        for (int i = 0; i < frames.length; i++) {
            items.add(i);
        }
        items.sort((a, b) -> frames[b] != frames[a] ? Integer.compare(frames[b], frames[a]) : Integer.compare(a, b));
        List<int[]> batches = new ArrayList<>();
        fill(items, batches);
        return batches;
    }

    /** Number of items. */
    int size() {
        return frames.length;
    }
}
