package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.mytts.config.ModelConfig;

/**
 * Decoder input network. With {@code usePrenet}: two ReLU layers of {@code prenetHidden} units,
 * each followed by dropout {@code prenetDrop}, then a projection to {@code dModel}; as in
 * Tacotron the dropout may stay on at inference, where its masks are given by the caller (drawn
 * from the generation's seeded generator). Without the prenet: one linear projection.
 */
final class DecoderPrenet {

    private final Linear fc1;
    private final Linear fc2;
    private final Linear projection;
    private final double rate;
    private final int hidden;

    DecoderPrenet(ParameterSet params, String name, ModelConfig config, int nMels) {
        if (config.usePrenet()) {
            hidden = config.prenetHidden();
            fc1 = new Linear(params, name + ".fc1", nMels, hidden, true);
            fc2 = new Linear(params, name + ".fc2", hidden, hidden, true);
            projection = new Linear(params, name + ".proj", hidden, config.dModel(), true);
        } else {
            hidden = 0;
            fc1 = null;
            fc2 = null;
            projection = new Linear(params, name + ".proj", nMels, config.dModel(), true);
        }
        rate = config.prenetDrop();
    }

    boolean hasDropout() {
        return fc1 != null && rate > 0;
    }

    double rate() {
        return rate;
    }

    int hidden() {
        return hidden;
    }

    /**
     * {@code mels [batch, steps, nMels]}. In training, dropout masks come from PyTorch; otherwise
     * {@code masks} (two arrays {@code [batch, steps, hidden]} of 0 and {@code 1/(1-rate)}) or
     * null for none.
     */
    NDArray forward(NDArray mels, boolean training, NDArray[] masks) {
        if (fc1 == null) {
            return projection.forward(mels);
        }
        NDArray h = drop(Activation.relu(fc1.forward(mels)), training, masks, 0);
        h = drop(Activation.relu(fc2.forward(h)), training, masks, 1);
        return projection.forward(h);
    }

    private NDArray drop(NDArray h, boolean training, NDArray[] masks, int layer) {
        if (training) {
            return Regularization.dropout(h, rate, true);
        }
        return masks == null ? h : h.mul(masks[layer]);
    }
}
