package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A transposed 1-D convolution (the upsampling layer of HiFi-GAN class vocoders), as PyTorch's
 * {@code ConvTranspose1d}: {@code time' = (time − 1)·stride − 2·padding + dilation·(kernel − 1)
 * + outputPadding + 1}. Parameters {@code NAME.weight [in, out/groups, kernel]} (PyTorch's layout)
 * and {@code NAME.bias [out]}.
 *
 * <p>DJL has no transposed-convolution op on the PyTorch engine, so this is the textbook
 * equivalent: put {@code stride − 1} zeros between the input samples, pad
 * {@code dilation·(kernel − 1) − padding} zeros on each side (plus {@code outputPadding} on the
 * right), and convolve with the kernel flipped in time and its channel axes swapped. The unit
 * test checks it against the definition written out as loops.
 */
public final class ConvTranspose1d {

    /** The shape of a transposed convolution; build with {@link #builder()}. */
    public record Config(int inChannels, int outChannels, int kernel, int stride, int padding,
            int outputPadding, int dilation, int groups, boolean bias) {

        /** Output length for an input of {@code time} steps. */
        public long outputLength(long time) {
            return (time - 1) * stride - 2L * padding + (long) dilation * (kernel - 1) + outputPadding + 1;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final Config config;
    private final NDArray weight;
    private final NDArray bias;

    public ConvTranspose1d(ParameterSet params, String name, Config config) {
        this.config = config;
        int outPerGroup = config.outChannels() / config.groups();
        int k = config.kernel();
        // PyTorch's fans for a [in, out/groups, k] weight: fan_in = out/groups·k, fan_out = in·k.
        weight = params.xavier(name + ".weight", new Shape(config.inChannels(), outPerGroup, k),
                (long) outPerGroup * k, (long) config.inChannels() * k);
        bias = config.bias() ? params.constant(name + ".bias", new Shape(config.outChannels()), 0f) : null;
    }

    public Config config() {
        return config;
    }

    /** {@code x [batch, inChannels, time]} to {@code [batch, outChannels, outputLength(time)]}. */
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        long batch = s.get(0);
        long time = s.get(2);
        int stride = config.stride();
        if (stride > 1) { // zero-stuff: [.., t] -> [.., t, 0 × (stride-1)], flattened, trailing zeros cut
            x = x.expandDims(3).pad(new Shape(0, stride - 1), 0)
                    .reshape(batch, s.get(1), time * stride)
                    .get(new NDIndex(":, :, :{}", (time - 1) * stride + 1));
        }
        int span = config.dilation() * (config.kernel() - 1);
        int left = span - config.padding();
        int right = left + config.outputPadding();
        // Negative padding crops: pad what is positive, cut the rest after the convolution.
        if (left > 0 || right > 0) {
            x = x.pad(new Shape(Math.max(left, 0), Math.max(right, 0)), 0);
        }
        NDArray y = Conv1d.convolve(x, flippedKernel(x.getManager()), bias, 1, 0, config.dilation(),
                config.groups());
        if (left < 0 || right < 0) {
            long length = y.getShape().get(2);
            y = y.get(new NDIndex(":, :, {}:{}", Math.max(-left, 0), length - Math.max(-right, 0)));
        }
        return y;
    }

    /** The weight as an ordinary convolution's {@code [out, in/groups, k]}, reversed in time, in {@code manager}. */
    private NDArray flippedKernel(NDManager manager) {
        int g = config.groups();
        long inPerGroup = config.inChannels() / g;
        long outPerGroup = config.outChannels() / g;
        // Ops on a parameter put their results in the parameters' manager: move each to the caller's.
        NDArray w = owned(manager, weight.reshape(g, inPerGroup, outPerGroup, config.kernel()));
        w = owned(manager, w.transpose(0, 2, 1, 3));
        w = owned(manager, w.reshape(config.outChannels(), inPerGroup, config.kernel()));
        return owned(manager, w.flip(2));
    }

    private static NDArray owned(NDManager manager, NDArray a) {
        a.attach(manager);
        return a;
    }

    /** Builds a {@link Config}: channels and kernel are required; stride 1, no padding, groups 1, bias. */
    public static final class Builder extends ConvBuilder<Builder> {
        private int padding;
        private int outputPadding;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** Zeros PyTorch removes from each end of the full output. */
        public Builder optPadding(int padding) {
            this.padding = padding;
            return this;
        }

        /** Extra steps on the right, to reach an exact multiple of the stride. */
        public Builder optOutputPadding(int outputPadding) {
            this.outputPadding = outputPadding;
            return this;
        }

        public Config build() {
            validate("a transposed convolution");
            if (padding < 0 || outputPadding < 0) {
                throw new IllegalArgumentException("paddings must not be negative, got padding " + padding
                        + ", output padding " + outputPadding);
            }
            if (outputPadding >= Math.max(stride, dilation)) {
                throw new IllegalArgumentException("output padding (" + outputPadding
                        + ") must be smaller than the stride or the dilation, as in PyTorch");
            }
            return new Config(in, out, kernel, stride, padding, outputPadding, dilation, groups, bias);
        }
    }
}
