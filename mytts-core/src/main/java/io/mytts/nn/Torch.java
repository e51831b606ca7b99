package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The two libtorch calls that a decoding step makes per layer and that DJL's {@code NDIndex} API
 * spreads over more: slicing several axes at once ({@code NDIndex} parses a string and builds
 * index objects per call) and writing a slice in place ({@code NDArray.set} broadcasts the value
 * first, a second native call). The project runs on the PyTorch engine only.
 */
final class Torch {

    private Torch() {}

    /** The view {@code a[min_0:max_0, min_1:max_1, ...]}, created in {@code manager}. */
    static NDArray slice(NDArray a, NDManager manager, long[] min, long[] max) {
        return JniUtils.index((PtNDArray) a, min, max, ones(min.length), (PtNDManager) manager);
    }

    /** {@code target[min_0:max_0, ...] = value} in place; {@code value} has the slice's shape. */
    static void write(NDArray target, NDArray value, long[] min, long[] max) {
        JniUtils.indexSet((PtNDArray) target, (PtNDArray) value, min, max, ones(min.length));
    }

    private static long[] ones(int n) {
        long[] v = new long[n];
        java.util.Arrays.fill(v, 1);
        return v;
    }
}
