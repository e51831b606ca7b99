package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.mytts.config.ModelConfig;
import io.mytts.nn.Blocks;
import io.mytts.nn.Conv1d;
import io.mytts.nn.Dropout;
import io.mytts.nn.LayerNorm;
import io.mytts.nn.Linear;
import io.mytts.nn.ParameterSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolutional encoder prenet: {@code encoderPrenetLayers} × (conv, ReLU, layer norm, dropout)
 * over the token embeddings, then a linear projection. Padded positions are zeroed before each
 * convolution, so that padding never leaks into real tokens.
 */
final class EncoderPrenet {

    private final List<Conv1d> convs = new ArrayList<>();
    private final List<LayerNorm> norms = new ArrayList<>();
    private final Linear projection;
    private final double dropout;

    EncoderPrenet(ParameterSet params, String name, ModelConfig config) {
        int d = config.dModel();
        Conv1d.Config conv = Conv1d.builder().setChannels(d, d).setKernel(config.encoderPrenetKernel()).build();
        for (int i = 0; i < config.encoderPrenetLayers(); i++) {
            convs.add(new Conv1d(params, name + ".convs." + i, conv));
            norms.add(new LayerNorm(params, name + ".norms." + i, Blocks.norm(config)));
        }
        projection = new Linear(params, name + ".proj", Linear.Config.of(d, d));
        dropout = config.dropoutRate();
    }

    /** {@code x [batch, tokens, dModel]}, {@code mask [batch, tokens, 1]} (1 for real tokens). */
    NDArray forward(NDArray x, NDArray mask, boolean training) {
        for (int i = 0; i < convs.size(); i++) {
            NDArray y = convs.get(i).forward(x.mul(mask).transpose(0, 2, 1)).transpose(0, 2, 1);
            x = Dropout.apply(norms.get(i).forward(Activation.relu(y)), dropout, training);
        }
        return projection.forward(x);
    }
}
