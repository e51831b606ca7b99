package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Self-attention keys and values of one layer during autoregressive generation: one array
 * {@code [batch, 2·heads, capacity, headDim]} (keys in the first {@code heads}, values in the
 * rest, as the fused projection makes them), preallocated for the longest generation and written
 * in place, so that a step copies only its own row. Views of the filled part are created in the
 * step's manager and die with it.
 */
final class KvCache {

    private final NDArray cache;
    private final long batch;
    private final long heads;
    private final long headDim;
    private final int capacity;
    private int length;

    KvCache(NDManager generationManager, int batch, int heads, int capacity, int headDim) {
        cache = generationManager.zeros(new Shape(batch, 2L * heads, capacity, headDim));
        this.batch = batch;
        this.heads = heads;
        this.headDim = headDim;
        this.capacity = capacity;
    }

    /** Steps held so far. */
    int length() {
        return length;
    }

    /** Appends this step's keys and values side by side, {@code [batch, 2·heads, 1, headDim]}. */
    void append(NDArray keysAndValues) {
        checkRoom();
        Torch.write(cache, keysAndValues, new long[] {0, 0, length, 0}, new long[] {batch, 2 * heads, length + 1, headDim});
        length++;
    }

    /** Appends this step's keys and values, each {@code [batch, heads, 1, headDim]}. */
    void append(NDArray keys, NDArray values) {
        checkRoom();
        Torch.write(cache, keys, new long[] {0, 0, length, 0}, new long[] {batch, heads, length + 1, headDim});
        Torch.write(cache, values, new long[] {0, heads, length, 0}, new long[] {batch, 2 * heads, length + 1, headDim});
        length++;
    }

    /** The keys so far, {@code [batch, heads, length, headDim]}, a view in {@code step}. */
    NDArray keys(NDManager step) {
        return Torch.slice(cache, step, new long[] {0, 0, 0, 0}, new long[] {batch, heads, length, headDim});
    }

    /** The values so far, {@code [batch, heads, length, headDim]}, a view in {@code step}. */
    NDArray values(NDManager step) {
        return Torch.slice(cache, step, new long[] {0, heads, 0, 0}, new long[] {batch, 2 * heads, length, headDim});
    }

    private void checkRoom() {
        if (length == capacity) {
            throw new IllegalStateException("the key/value cache holds " + capacity + " steps and is full");
        }
    }
}
