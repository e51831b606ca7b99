package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Position information, computed in Java for the positions at hand and created in the caller's
 * manager (so a decoding step builds only its own row).
 *
 * <ul>
 *   <li>Sinusoidal: {@code PE[p, 2i] = sin(p / 10000^(2i/d))}, {@code PE[p, 2i+1] = cos(...)},
 *       added (times a learned scale) to the encoder and decoder inputs.</li>
 *   <li>Rotary (RoPE): queries and keys of self-attention are rotated pairwise by angles
 *       {@code p · 10000^(-2i/headDim)}; the rotation pairs dimension {@code i} with
 *       {@code i + headDim/2}. The score of a rotated query and key then depends only on the
 *       offset between their positions.</li>
 * </ul>
 */
public final class Positions {

    private static final double BASE = 10000.0;

    private Positions() {}

    /** Sinusoidal encodings {@code [count, dim]} for positions {@code start .. start+count-1}. */
    public static NDArray sinusoidal(NDManager manager, int start, int count, int dim) {
        float[] v = new float[count * dim];
        for (int p = 0; p < count; p++) {
            for (int i = 0; i < dim; i += 2) {
                double angle = (start + p) / Math.pow(BASE, (double) i / dim);
                v[p * dim + i] = (float) Math.sin(angle);
                if (i + 1 < dim) {
                    v[p * dim + i + 1] = (float) Math.cos(angle);
                }
            }
        }
        return manager.create(v, new Shape(count, dim));
    }

    /** Rotation tables for positions {@code start .. start+count-1}, for heads of size {@code headDim}. */
    public static Rotary rotary(NDManager manager, int start, int count, int headDim) {
        int half = headDim / 2;
        float[] cos = new float[count * headDim];
        float[] sin = new float[count * headDim];
        for (int p = 0; p < count; p++) {
            for (int i = 0; i < half; i++) {
                double angle = (start + p) * Math.pow(BASE, -2.0 * i / headDim);
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[p * headDim + i] = c;
                cos[p * headDim + i + half] = c;
                sin[p * headDim + i] = s;
                sin[p * headDim + i + half] = s;
            }
        }
        Shape shape = new Shape(1, 1, count, headDim);
        return new Rotary(manager.create(cos, shape), manager.create(sin, shape), half);
    }

    /** Rotation tables {@code [1, 1, positions, headDim]}. */
    public record Rotary(NDArray cos, NDArray sin, int half) {

        /**
         * Rotates {@code x [batch, heads, positions, headDim]} (any number of heads: queries and
         * keys side by side are rotated in one pass).
         */
        public NDArray apply(NDArray x) {
            NDArray first = x.get(new NDIndex("..., :{}", half));
            NDArray second = x.get(new NDIndex("..., {}:", half));
            NDArray rotated = NDArrays.concat(new ai.djl.ndarray.NDList(second.neg(), first), 3);
            return x.mul(cos).add(rotated.mul(sin));
        }
    }
}
