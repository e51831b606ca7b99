package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import io.mytts.config.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack of pre-norm {@link TransformerLayer}s over a padded sequence: its {@link StackInput}
 * (positions, dropout), the layers with padded keys masked, and a final layer norm. The
 * autoregressive model's encoder, and the forward model's encoder and decoder.
 *
 * <p>Parameters, created in this order: {@code NAME.pos_alpha} (sinusoidal positions only),
 * {@code NAME.layers.I} for each layer, {@code NAME.norm}. DropPath rates grow with depth
 * ({@link Blocks#dropPathRate}).
 */
public final class TransformerStack {

    private final StackInput input;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final LayerNorm norm;

    /** {@code config.numLayers()} layers under {@code NAME}. */
    public TransformerStack(ParameterSet params, String name, ModelConfig config) {
        input = new StackInput(params, name, config);
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(new TransformerLayer(params, name + ".layers." + i, config, Blocks.dropPathRate(config, i)));
        }
        norm = new LayerNorm(params, name + ".norm", Blocks.norm(config));
    }

    /**
     * The stack's output {@code [batch, steps, dModel]} in x's manager.
     *
     * @param x the input {@code [batch, steps, dModel]}, its first step at position 0
     * @param lengths the real steps of each row; the keys after them are masked
     */
    public NDArray forward(NDArray x, int[] lengths, boolean training) {
        StackInput.Prepared in = input.prepare(x, 0, training);
        NDArray bias = Masks.keyPadding(x.getManager(), lengths, (int) x.getShape().get(1));
        NDArray h = in.x();
        for (TransformerLayer layer : layers) {
            h = layer.forward(h, bias, in.rotary(), training);
        }
        return norm.forward(h);
    }
}
