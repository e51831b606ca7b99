package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mytts.nn.LayerNorm;
import io.mytts.nn.Linear;
import io.mytts.nn.MultiHeadAttention;
import io.mytts.nn.Positions;
import io.mytts.nn.StackInput;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder run one step at a time for cached generation, with everything that does not change
 * between steps made once per generation: per layer a key/value cache and fused weights (queries,
 * keys and values in one projection, the score scale folded into the queries, biases inside the
 * matrix products), the sinusoidal position rows times their learned scale, and one output
 * projection for the mel frames and the stop logits together. A step's residuals are added inside
 * the output projections or in place. Gives the same numbers as {@link TransformerTTS#decode} up to float rounding.
 */
final class CachedDecoder {

    private final DecoderPrenet.Step prenet;
    private final StackInput.Stepper positions;
    private final List<DecoderLayer.Step> layers = new ArrayList<>();
    private final LayerNorm norm;
    private final Linear.Frozen output;

    /**
     * @param input the decoder's positions
     * @param memories per layer, the cross-attention keys and values of the encoder output
     */
    CachedDecoder(NDManager generation, int batch, int capacity, DecoderPrenet prenet, StackInput input,
            List<DecoderLayer> layers, List<MultiHeadAttention.Memory> memories, LayerNorm norm,
            Linear melProjection, Linear stopProjection) {
        this.prenet = prenet.stepper(generation);
        this.positions = input.stepper(generation, capacity);
        for (int i = 0; i < layers.size(); i++) {
            this.layers.add(layers.get(i).stepper(generation, batch, capacity, memories.get(i)));
        }
        this.norm = norm;
        this.output = Linear.Frozen.concat(generation, List.of(melProjection, stopProjection), 1.0);
    }

    /**
     * Decoder step {@code t} for {@code inputs [batch, nMels]} (the previous step's last frame); the
     * step runs on 2-D activations {@code [batch, dModel]}.
     *
     * @param crossBias the cross-attention bias {@code [batch, 1, 1, tokens]}, or null for none
     * @param prenetMasks the prenet's inference dropout masks {@code [batch, hidden]}, or null
     * @return the step's output {@code [batch, r·nMels + r]} (mel frames, then stop logits) and
     *     per layer the cross-attention weights {@code [batch, heads, 1, tokens]}
     */
    TransformerTTS.Decoded step(NDArray inputs, int t, NDArray crossBias, NDArray[] prenetMasks, NDManager step) {
        NDArray x = prenet.forward(inputs, prenetMasks);
        Positions.Rotary rotary = positions.apply(x, t, step);
        List<NDArray> weights = new ArrayList<>(layers.size());
        for (DecoderLayer.Step layer : layers) {
            DecoderLayer.Output out = layer.forward(x, rotary, crossBias, step);
            x = out.x();
            weights.add(out.crossWeights());
        }
        return new TransformerTTS.Decoded(output.forward(norm.forward(x)), weights);
    }
}
