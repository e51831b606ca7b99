package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.mytts.config.ModelConfig;

/**
 * Position-wise feed-forward layer. GELU: {@code w2(dropout(gelu(w1 x)))} with hidden size
 * {@code dff}. SwiGLU: {@code w2(dropout(silu(w1 x) * w3 x))} with hidden size
 * {@code round(2/3 · dff)}, so that its three matrices hold about as many parameters as GELU's
 * two ({@link ModelConfig#ffnHidden()}).
 */
final class FeedForward {

    private final Linear w1;
    private final Linear w2;
    private final Linear w3;
    private final double dropout;

    FeedForward(ParameterSet params, String name, ModelConfig config) {
        int d = config.dModel();
        int hidden = config.ffnHidden();
        w1 = new Linear(params, name + ".w1", d, hidden, true);
        w3 = config.activation() == io.mytts.config.Activation.SWIGLU
                ? new Linear(params, name + ".w3", d, hidden, true) : null;
        w2 = new Linear(params, name + ".w2", hidden, d, true);
        dropout = config.dropoutRate();
    }

    NDArray forward(NDArray x, boolean training) {
        NDArray h;
        if (w3 == null) {
            h = Activation.gelu(w1.forward(x));
        } else {
            NDArray gate = w1.forward(x);
            h = gate.mul(Activation.sigmoid(gate)).mul(w3.forward(x));
        }
        return w2.forward(Regularization.dropout(h, dropout, training));
    }
}
