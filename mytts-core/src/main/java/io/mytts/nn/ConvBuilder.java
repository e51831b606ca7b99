package io.mytts.nn;

/**
 * What the builders of {@link Conv1d} and {@link ConvTranspose1d} share: channels and kernel
 * (required), stride, dilation and groups (1) and bias (on).
 */
abstract class ConvBuilder<B extends ConvBuilder<B>> {
    int in;
    int out;
    int kernel;
    int stride = 1;
    int dilation = 1;
    int groups = 1;
    boolean bias = true;

    abstract B self();

    public B setChannels(int in, int out) {
        this.in = in;
        this.out = out;
        return self();
    }

    public B setKernel(int kernel) {
        this.kernel = kernel;
        return self();
    }

    public B optStride(int stride) {
        this.stride = stride;
        return self();
    }

    public B optDilation(int dilation) {
        this.dilation = dilation;
        return self();
    }

    /** Channel groups; {@code groups == in == out} is a depthwise convolution. */
    public B optGroups(int groups) {
        this.groups = groups;
        return self();
    }

    public B optBias(boolean bias) {
        this.bias = bias;
        return self();
    }

    /** Throws naming every value when one is out of range; {@code what} names the layer kind. */
    void validate(String what) {
        if (in < 1 || out < 1 || kernel < 1 || stride < 1 || dilation < 1 || groups < 1) {
            throw new IllegalArgumentException(what + " needs positive channels, kernel, stride, dilation and groups,"
                    + " got in " + in + ", out " + out + ", kernel " + kernel + ", stride " + stride + ", dilation "
                    + dilation + ", groups " + groups);
        }
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("groups (" + groups + ") must divide both channel counts (" + in + ", "
                    + out + ")");
        }
    }
}
