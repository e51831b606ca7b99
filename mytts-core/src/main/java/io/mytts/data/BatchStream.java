package io.mytts.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Batches read from a {@link FeatureCache}, assembled ahead of the trainer on a background thread.
 *
 * <p>Training streams go on for ever, epoch after epoch, in the order of a {@link BucketBatcher};
 * each batch carries the position after it, so a checkpoint that saves it resumes on exactly the
 * batches that would have come next. Validation streams make one pass in length order. Only the
 * batches in the queue (at most {@code prefetch}) are in memory.
 */
public final class BatchStream implements Iterator<Batch>, AutoCloseable {

    /** Marks the end of a single pass, or carries an error from the background thread. */
    private record Signal(Batch batch, RuntimeException error, boolean end) {}

    private final FeatureCache cache;
    private final List<String> ids;
    private final BucketBatcher batcher;
    private final int padMultiple;
    private final boolean singlePass;
    private final BlockingQueue<Signal> queue;
    private final Thread producer;
    private Signal next;
    private volatile boolean closed;

    private BatchStream(FeatureCache cache, List<String> ids, BucketBatcher batcher, int padMultiple,
            boolean singlePass, BatchPosition start, int prefetch) {
        this.cache = cache;
        this.ids = List.copyOf(ids);
        this.batcher = batcher;
        this.padMultiple = padMultiple;
        this.singlePass = singlePass;
        this.queue = new ArrayBlockingQueue<>(prefetch);
        this.producer = new Thread(() -> produce(start), "batch-stream");
        producer.setDaemon(true);
        producer.start();
    }

    /**
     * An endless, shuffled, length-bucketed stream over {@code ids}, starting at {@code start}.
     *
     * @param batchFrames most padded mel frames in a batch (the train config's {@code batch_frames})
     * @param maxBatchSize most utterances in a batch ({@code max_batch_size})
     * @param padMultiple mel lengths are padded to a multiple of this (the reduction factor)
     * @param seed seed of the shuffles ({@code seed})
     */
    public static BatchStream training(FeatureCache cache, List<String> ids, int batchFrames, int maxBatchSize,
            int padMultiple, long seed, BatchPosition start) {
        return new BatchStream(cache, ids, new BucketBatcher(frames(cache, ids), batchFrames, maxBatchSize,
                padMultiple, seed), padMultiple, false, start, 4);
    }

    /** A training stream with the train config's batch bounds and seed; {@code padMultiple} is the reduction factor. */
    public static BatchStream training(FeatureCache cache, List<String> ids, io.mytts.config.TrainConfig train,
            int padMultiple, BatchPosition start) {
        return training(cache, ids, train.batchFrames(), train.maxBatchSize(), padMultiple, train.seed(), start);
    }

    /** One pass over {@code ids} in batches of similar length, the same every time. */
    public static BatchStream validation(FeatureCache cache, List<String> ids, int batchFrames, int maxBatchSize,
            int padMultiple) {
        return new BatchStream(cache, ids, new BucketBatcher(frames(cache, ids), batchFrames, maxBatchSize,
                padMultiple, 0), padMultiple, true, BatchPosition.START, 2);
    }

    private static int[] frames(FeatureCache cache, List<String> ids) {
        if (ids.isEmpty()) {
            throw new io.mytts.InvalidInputException("no utterances to make batches of: the prepared data or its"
                    + " split is empty");
        }
        return ids.stream().mapToInt(cache::frames).toArray();
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        return singlePass ? batcher.sorted().size() : batcher.epoch(0).size();
    }

    private void produce(BatchPosition start) {
        try {
            int epoch = start.epoch();
            int index = start.index();
            while (!closed) {
                List<int[]> batches = singlePass ? batcher.sorted() : batcher.epoch(epoch);
                for (; index < batches.size() && !closed; index++) {
                    int[] items = batches.get(index);
                    List<CachedUtterance> utts = new ArrayList<>(items.length);
                    int[] speakers = new int[items.length];
                    for (int i = 0; i < items.length; i++) {
                        String id = ids.get(items[i]);
                        utts.add(cache.read(id));
                        speakers[i] = cache.speakerIndex(id);
                    }
                    BatchPosition after = index + 1 < batches.size()
                            ? new BatchPosition(epoch, index + 1) : new BatchPosition(epoch + 1, 0);
                    queue.put(new Signal(Batch.of(utts, speakers, cache.nMels(), padMultiple, after), null, false));
                }
                if (singlePass) {
                    queue.put(new Signal(null, null, true));
                    return;
                }
                epoch++;
                index = 0;
            }
        } catch (InterruptedException e) {
            // closed while waiting for room in the queue
        } catch (RuntimeException e) {
            try {
                queue.put(new Signal(null, e, false));
            } catch (InterruptedException ignored) {
                // closed: nobody is waiting for the error
            }
        }
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            }
        }
        if (next.error() != null) {
            throw next.error();
        }
        return !next.end();
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Batch b = next.batch();
        next = null;
        return b;
    }

    /**
     * Stops the producer without interrupting it: an interrupt during a read would close the
     * cache's shared file channels (FileChannel is interruptible) for every other reader. Draining
     * the queue frees a producer blocked on a full queue; it then sees {@code closed} and ends.
     */
    @Override
    public void close() {
        closed = true;
        queue.clear();
    }
}
