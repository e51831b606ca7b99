package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Additive attention biases: 0 where a query may look, a large negative number where it may not
 * (a finite number rather than -inf, so that a fully masked padding row stays finite).
 */
public final class Masks {

    public static final float BLOCKED = -1e9f;

    private Masks() {}

    /** {@code [batch, 1, 1, keys]}: blocks key positions at or beyond each item's length. */
    public static NDArray keyPadding(NDManager manager, int[] lengths, int keys) {
        float[] v = new float[lengths.length * keys];
        for (int b = 0; b < lengths.length; b++) {
            for (int j = lengths[b]; j < keys; j++) {
                v[b * keys + j] = BLOCKED;
            }
        }
        return manager.create(v, new Shape(lengths.length, 1, 1, keys));
    }

    /** {@code [batch, 1, steps, steps]}: blocks future positions and padded keys. */
    public static NDArray causal(NDManager manager, int[] lengths, int steps) {
        float[] v = new float[lengths.length * steps * steps];
        for (int b = 0; b < lengths.length; b++) {
            for (int i = 0; i < steps; i++) {
                for (int j = 0; j < steps; j++) {
                    if (j > i || j >= lengths[b]) {
                        v[(b * steps + i) * steps + j] = BLOCKED;
                    }
                }
            }
        }
        return manager.create(v, new Shape(lengths.length, 1, steps, steps));
    }

    /** {@code [batch, steps, 1]} with 1 for real frames and 0 for padding. */
    public static NDArray frames(NDManager manager, int[] lengths, int steps) {
        float[] v = new float[lengths.length * steps];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < Math.min(lengths[b], steps); t++) {
                v[b * steps + t] = 1f;
            }
        }
        return manager.create(v, new Shape(lengths.length, steps, 1));
    }
}
