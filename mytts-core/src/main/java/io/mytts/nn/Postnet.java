package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import io.mytts.config.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolutional residual postnet: {@code postnetLayers} convolutions ({@code nMels → channels →
 * ... → nMels}), tanh and dropout between them, whose output is added to the decoder's mel.
 * Padded frames are zeroed before each convolution. Zero layers: no postnet. The autoregressive
 * and the forward model share it.
 */
public final class Postnet {

    private final List<Conv1d> convs = new ArrayList<>();
    private final double dropout;

    public Postnet(ParameterSet params, String name, ModelConfig config, int nMels) {
        int layers = config.postnetLayers();
        for (int i = 0; i < layers; i++) {
            int in = i == 0 ? nMels : config.postnetChannels();
            int out = i == layers - 1 ? nMels : config.postnetChannels();
            convs.add(new Conv1d(params, name + ".convs." + i,
                    Conv1d.builder().setChannels(in, out).setKernel(config.postnetKernel()).build()));
        }
        dropout = config.dropoutRate();
    }

    /** {@code mel [batch, frames, nMels]}, {@code mask [batch, frames, 1]}: the refined mel. */
    public NDArray forward(NDArray mel, NDArray mask, boolean training) {
        if (convs.isEmpty()) {
            return mel;
        }
        NDArray x = mel.mul(mask).transpose(0, 2, 1);
        NDArray channelMask = mask.transpose(0, 2, 1);
        for (int i = 0; i < convs.size(); i++) {
            x = convs.get(i).forward(x);
            if (i < convs.size() - 1) {
                x = Dropout.apply(x.tanh(), dropout, training).mul(channelMask);
            }
        }
        return mel.add(x.transpose(0, 2, 1));
    }
}
