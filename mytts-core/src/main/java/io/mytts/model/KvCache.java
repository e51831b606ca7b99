package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Self-attention keys and values of one decoder layer during generation, preallocated for the
 * longest generation and written in place, so that a step copies only its own row. Views of the
 * filled part are created in the step's manager and die with it.
 */
final class KvCache {

    private final NDArray keys;
    private final NDArray values;
    private int length;

    KvCache(NDManager generationManager, int batch, int heads, int capacity, int headDim) {
        Shape shape = new Shape(batch, heads, capacity, headDim);
        keys = generationManager.zeros(shape);
        values = generationManager.zeros(shape);
    }

    /** Appends this step's {@code [batch, heads, 1, headDim]} key and value. */
    void append(NDArray key, NDArray value) {
        NDIndex row = new NDIndex(":, :, {}:{}", length, length + 1);
        keys.set(row, key);
        values.set(row, value);
        length++;
    }

    NDArray keys(NDManager step) {
        return keys.get(step, new NDIndex(":, :, :{}", length));
    }

    NDArray values(NDManager step) {
        return values.get(step, new NDIndex(":, :, :{}", length));
    }
}
