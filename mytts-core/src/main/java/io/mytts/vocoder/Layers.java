package io.mytts.vocoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The few tensor operations the vocoder's layers are made of, each one native call where
 * libtorch has one (convolution with its bias, layer norm).
 */
final class Layers {

    static final float LAYER_NORM_EPS = 1e-6f;

    private Layers() {}

    /** A 1-D or 2-D convolution on {@code [B, C, ...]}; the weight's rank chooses which. */
    static NDArray conv(NDArray x, NDArray weight, NDArray bias, Shape stride, Shape padding, int groups) {
        Shape dilation = new Shape(ones(stride.dimension()));
        return x.getNDArrayInternal().convolution(x, weight, bias, stride, padding, dilation, groups)
                .singletonOrThrow();
    }

    /** {@code x W + b} over the last axis with {@code W} stored {@code [in, out]}. */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.matMul(weight).add(bias);
    }

    /** Layer normalisation over the last axis. */
    static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return x.getNDArrayInternal().layerNorm(x, gamma.getShape(), gamma, beta, LAYER_NORM_EPS)
                .singletonOrThrow();
    }

    /** Leaky ReLU with slope 0.1 below zero, the discriminators' activation (HiFi-GAN). */
    static NDArray leakyRelu(NDArray x) {
        return ai.djl.nn.Activation.leakyRelu(x, 0.1f);
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }
}
