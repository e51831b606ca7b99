package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mytts.config.Activation;

/**
 * Position-wise feed-forward layer. GELU: {@code w2(dropout(gelu(w1 x)))}. SwiGLU:
 * {@code w2(dropout(silu(w1 x) * w3 x))}. Parameters {@code NAME.w1}, {@code NAME.w2} and for
 * SwiGLU {@code NAME.w3}, each with a bias. The hidden width is the caller's choice (the TTS
 * model gives SwiGLU two thirds of GELU's, so that both hold about as many parameters).
 */
public final class FeedForward {

    /**
     * @param modelDim width of the input and output
     * @param hidden width of the hidden layer
     * @param activation GELU or SwiGLU
     * @param dropout dropout on the hidden layer in training
     */
    public record Config(int modelDim, int hidden, Activation activation, double dropout) {
        public Config {
            if (modelDim < 1 || hidden < 1 || activation == null || !(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("feed-forward needs positive widths, an activation and dropout in"
                        + " [0, 1), got " + modelDim + ", " + hidden + ", " + activation + ", " + dropout);
            }
        }
    }

    private final Linear w1;
    private final Linear w2;
    private final Linear w3;
    private final double dropout;

    public FeedForward(ParameterSet params, String name, Config config) {
        w1 = new Linear(params, name + ".w1", Linear.Config.of(config.modelDim(), config.hidden()));
        w3 = config.activation() == Activation.SWIGLU
                ? new Linear(params, name + ".w3", Linear.Config.of(config.modelDim(), config.hidden())) : null;
        w2 = new Linear(params, name + ".w2", Linear.Config.of(config.hidden(), config.modelDim()));
        dropout = config.dropout();
    }

    /** {@code x [..., modelDim]} to {@code [..., modelDim]}. */
    public NDArray forward(NDArray x, boolean training) {
        NDArray h = w3 == null ? ai.djl.nn.Activation.gelu(w1.forward(x)) : swiGlu(w1.forward(x), w3.forward(x));
        return w2.forward(Dropout.apply(h, dropout, training));
    }

    /** This layer with its weights frozen for inference in {@code manager} (one call per projection). */
    public Frozen freeze(NDManager manager) {
        return new Frozen(w1.freeze(manager), w3 == null ? null : w3.freeze(manager), w2.freeze(manager));
    }

    private static NDArray swiGlu(NDArray gate, NDArray up) {
        return gate.mul(ai.djl.nn.Activation.sigmoid(gate)).mul(up);
    }

    /** Inference form of the layer; see {@link Linear.Frozen}. {@code w3} is null for GELU. */
    public record Frozen(Linear.Frozen w1, Linear.Frozen w3, Linear.Frozen w2) {

        public NDArray forward(NDArray x) {
            NDArray h = w3 == null ? ai.djl.nn.Activation.gelu(w1.forward(x)) : swiGlu(w1.forward(x), w3.forward(x));
            return w2.forward(h);
        }
    }
}
