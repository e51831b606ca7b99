package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A fully connected layer {@code y = x W + b} over the last axis, in one libtorch call
 * ({@code linear}, which adds the bias inside the matrix product). Parameters {@code NAME.weight}
 * {@code [in, out]} (Xavier uniform) and {@code NAME.bias} {@code [out]} (zeros). The product runs
 * on the caller's array, so the result lands in the caller's (step) manager, never in the
 * parameters'.
 */
public final class Linear {

    /**
     * @param in input features
     * @param out output features
     * @param bias whether the layer adds a learned bias
     */
    public record Config(int in, int out, boolean bias) {
        public Config {
            if (in < 1 || out < 1) {
                throw new IllegalArgumentException("a linear layer needs at least one input and one output, got "
                        + in + " -> " + out);
            }
        }

        /** With a bias. */
        public static Config of(int in, int out) {
            return new Config(in, out, true);
        }

        public Config withoutBias() {
            return new Config(in, out, false);
        }
    }

    private final NDArray weight;
    private final NDArray bias;

    public Linear(ParameterSet params, String name, Config config) {
        weight = params.xavier(name + ".weight", new Shape(config.in(), config.out()), config.in(), config.out());
        bias = config.bias() ? params.constant(name + ".bias", new Shape(config.out()), 0f) : null;
    }

    /** {@code x [..., in]} to {@code [..., out]}. */
    public NDArray forward(NDArray x) {
        // libtorch's linear wants the weight as [out, in]: a transposed view, no copy, which goes
        // to the caller's manager (an op on a parameter puts its result in the parameters').
        NDArray outIn = weight.transpose();
        outIn.attach(x.getManager());
        return linear(x, outIn, bias);
    }

    /** The weight {@code [in, out]} (a parameter: run no ops into its manager per step). */
    public NDArray weight() {
        return weight;
    }

    /** The bias {@code [out]}, or null. */
    public NDArray bias() {
        return bias;
    }

    /** A frozen copy of this layer for inference, created in {@code manager} (see {@link Frozen}). */
    public Frozen freeze(NDManager manager) {
        return Frozen.concat(manager, List.of(this), 1.0);
    }

    static NDArray linear(NDArray x, NDArray weightOutIn, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weightOutIn, bias).singletonOrThrow();
    }

    /**
     * Inference weights of one or more linear layers on the same input, side by side: one call
     * computes all their outputs, concatenated on the last axis (the fused query, key and value
     * projection of attention). The weight is kept as the {@code [out, in]} view libtorch wants, so
     * that a step makes exactly one native call. A single unscaled layer shares the parameters'
     * storage; concatenated or scaled weights are copies, so build it again after the parameters
     * change (each generation does).
     */
    public static final class Frozen {

        private final NDArray weightOutIn;
        private final NDArray bias;

        private Frozen(NDArray weightOutIn, NDArray bias) {
            this.weightOutIn = weightOutIn;
            this.bias = bias;
        }

        /**
         * The layers' weights side by side; the first layer's outputs are multiplied by
         * {@code firstScale} (attention folds its score scale into the query projection).
         */
        public static Frozen concat(NDManager manager, List<Linear> layers, double firstScale) {
            // Ops on parameters put their results in the parameters' manager: attach each to ours.
            NDList weights = new NDList();
            NDList biases = new NDList();
            boolean anyBias = layers.stream().anyMatch(l -> l.bias != null);
            for (int i = 0; i < layers.size(); i++) {
                Linear l = layers.get(i);
                NDArray w = l.weight;
                NDArray b = l.bias;
                if (i == 0 && firstScale != 1.0) {
                    w = owned(manager, w.mul(firstScale));
                    b = b == null ? null : owned(manager, b.mul(firstScale));
                }
                weights.add(w);
                biases.add(b != null ? b : owned(manager, manager.zeros(new Shape(l.weight.getShape().get(1)))));
            }
            NDArray w = weights.size() == 1 ? weights.head() : owned(manager, NDArrays.concat(weights, 1));
            NDArray b = !anyBias ? null : biases.size() == 1 ? biases.head() : owned(manager, NDArrays.concat(biases, 0));
            return new Frozen(owned(manager, w.transpose()), b);
        }

        private static NDArray owned(NDManager manager, NDArray a) {
            a.attach(manager);
            return a;
        }

        /** {@code x [..., in]} to {@code [..., sum of outs]}, one native call. */
        public NDArray forward(NDArray x) {
            return linear(x, weightOutIn, bias);
        }

        /**
         * {@code residual + forward(x)} for {@code x [batch, in]} and {@code residual [batch, out]}:
         * one native call when the layer has no bias (the residual takes the bias's place in the
         * product), two otherwise.
         */
        public NDArray forwardPlus(NDArray x, NDArray residual) {
            return bias == null ? linear(x, weightOutIn, residual) : linear(x, weightOutIn, bias).addi(residual);
        }
    }
}
