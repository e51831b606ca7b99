package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A 1-D convolution on {@code [batch, channels, time]}, as PyTorch's {@code Conv1d}: stride,
 * dilation, groups ({@code groups == inChannels == outChannels} is depthwise, as in ConvNeXt) and
 * a {@link Padding}. Parameters {@code NAME.weight [out, in/groups, kernel]} (Xavier uniform with
 * PyTorch's fans) and {@code NAME.bias [out]} (zeros).
 */
public final class Conv1d {

    /** How the input is padded before convolving; {@code span = dilation · (kernel − 1)}. */
    public enum Padding {
        /** Zeros, {@code span / 2} on the left and the rest on the right: {@code ceil(time / stride)} out. */
        SAME,
        /** Zeros on the left only ({@code span}): an output never sees later inputs. */
        CAUSAL,
        /** No padding: {@code floor((time − span − 1) / stride) + 1} out. */
        VALID,
        /** As {@link #SAME} but mirroring the signal at its edges (PyTorch's {@code reflect}). */
        REFLECT
    }

    /** The shape of a convolution; build with {@link #builder()}. */
    public record Config(int inChannels, int outChannels, int kernel, int stride, int dilation, int groups,
            Padding padding, boolean bias) {

        /** The receptive field minus one: how many input steps padding must add for a full output. */
        public int span() {
            return dilation * (kernel - 1);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final Config config;
    private final NDArray weight;
    private final NDArray bias;

    public Conv1d(ParameterSet params, String name, Config config) {
        this.config = config;
        int in = config.inChannels() / config.groups();
        int k = config.kernel();
        weight = params.xavier(name + ".weight", new Shape(config.outChannels(), in, k), (long) in * k,
                (long) config.outChannels() * k);
        bias = config.bias() ? params.constant(name + ".bias", new Shape(config.outChannels()), 0f) : null;
    }

    public Config config() {
        return config;
    }

    /** {@code x [batch, inChannels, time]} to {@code [batch, outChannels, time']}. */
    public NDArray forward(NDArray x) {
        int span = config.span();
        int left = config.padding() == Padding.CAUSAL ? span : config.padding() == Padding.VALID ? 0 : span / 2;
        int right = config.padding() == Padding.SAME || config.padding() == Padding.REFLECT ? span - left : 0;
        long symmetric = 0;
        if (config.padding() == Padding.REFLECT) {
            x = reflect(x, left, right);
        } else if (left == right) {
            symmetric = left; // the convolution pads symmetric zeros itself: no extra call
        } else {
            x = x.pad(new Shape(left, right), 0);
        }
        return convolve(x, weight, bias, config.stride(), symmetric, config.dilation(), config.groups());
    }

    static NDArray convolve(NDArray x, NDArray weight, NDArray bias, int stride, long padding, int dilation,
            int groups) {
        return x.getNDArrayInternal().convolution(x, weight, bias, new Shape(stride), new Shape(padding),
                new Shape(dilation), groups).singletonOrThrow();
    }

    /** Pads the last axis by mirroring: {@code x[1..left]} reversed before, {@code x[T-1-right..T-2]} reversed after. */
    static NDArray reflect(NDArray x, int left, int right) {
        long time = x.getShape().get(2);
        if (left >= time || right >= time) {
            throw new IllegalArgumentException("reflect padding of " + Math.max(left, right)
                    + " needs more than that many time steps, got " + time);
        }
        NDList parts = new NDList();
        if (left > 0) {
            parts.add(x.get(new NDIndex(":, :, 1:{}", left + 1)).flip(2));
        }
        parts.add(x);
        if (right > 0) {
            parts.add(x.get(new NDIndex(":, :, {}:{}", time - 1 - right, time - 1)).flip(2));
        }
        return parts.size() == 1 ? x : NDArrays.concat(parts, 2);
    }

    /** Builds a {@link Config}: channels and kernel are required; stride, dilation, groups 1, {@code SAME}, bias. */
    public static final class Builder extends ConvBuilder<Builder> {
        private Padding padding = Padding.SAME;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        public Builder optPadding(Padding padding) {
            this.padding = padding;
            return this;
        }

        public Config build() {
            validate("a convolution");
            if (padding == null) {
                throw new IllegalArgumentException("padding must not be null");
            }
            return new Config(in, out, kernel, stride, dilation, groups, padding, bias);
        }
    }
}
