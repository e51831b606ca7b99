package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import io.mytts.config.ModelConfig;
import io.mytts.nn.Dropout;
import io.mytts.nn.Linear;
import io.mytts.nn.ParameterSet;

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
            fc1 = new Linear(params, name + ".fc1", Linear.Config.of(nMels, hidden));
            fc2 = new Linear(params, name + ".fc2", Linear.Config.of(hidden, hidden));
            projection = new Linear(params, name + ".proj", Linear.Config.of(hidden, config.dModel()));
        } else {
            hidden = 0;
            fc1 = null;
            fc2 = null;
            projection = new Linear(params, name + ".proj", Linear.Config.of(nMels, config.dModel()));
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
            return Dropout.apply(h, rate, true);
        }
        return masks == null ? h : h.mul(masks[layer]);
    }

    /** The prenet with its weights frozen in {@code generation}, for step-by-step generation. */
    Step stepper(NDManager generation) {
        return new Step(fc1 == null ? null : fc1.freeze(generation), fc2 == null ? null : fc2.freeze(generation),
                projection.freeze(generation));
    }

    /** Inference form: one call per layer, masks applied in place; {@code fc1}, {@code fc2} null without the prenet. */
    record Step(Linear.Frozen fc1, Linear.Frozen fc2, Linear.Frozen projection) {

        /** As {@link DecoderPrenet#forward} at inference. */
        NDArray forward(NDArray mels, NDArray[] masks) {
            if (fc1 == null) {
                return projection.forward(mels);
            }
            NDArray h = Activation.relu(fc1.forward(mels));
            if (masks != null) {
                h.muli(masks[0]);
            }
            h = Activation.relu(fc2.forward(h));
            if (masks != null) {
                h.muli(masks[1]);
            }
            return projection.forward(h);
        }
    }
}
