package io.mytts.forward;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.mytts.config.ForwardConfig;
import io.mytts.nn.Conv1d;
import io.mytts.nn.Dropout;
import io.mytts.nn.LayerNorm;
import io.mytts.nn.Linear;
import io.mytts.nn.ParameterSet;

/**
 * FastSpeech2's variance predictor, one value per token: two convolutions over the tokens, each
 * followed by ReLU, layer norm and dropout, then a linear layer to one output. Padded tokens are
 * zeroed before each convolution and in the output.
 */
final class VariancePredictor {

    private final Conv1d conv1;
    private final LayerNorm norm1;
    private final Conv1d conv2;
    private final LayerNorm norm2;
    private final Linear output;
    private final double dropout;

    /** Parameters {@code NAME.conv1}, {@code NAME.norm1}, {@code NAME.conv2}, {@code NAME.norm2}, {@code NAME.out}. */
    VariancePredictor(ParameterSet params, String name, int inputDim, ForwardConfig config) {
        int c = config.varianceChannels();
        int k = config.varianceKernel();
        conv1 = new Conv1d(params, name + ".conv1", Conv1d.builder().setChannels(inputDim, c).setKernel(k).build());
        norm1 = new LayerNorm(params, name + ".norm1", LayerNorm.Config.of(c));
        conv2 = new Conv1d(params, name + ".conv2", Conv1d.builder().setChannels(c, c).setKernel(k).build());
        norm2 = new LayerNorm(params, name + ".norm2", LayerNorm.Config.of(c));
        output = new Linear(params, name + ".out", Linear.Config.of(c, 1));
        dropout = config.varianceDropout();
    }

    /**
     * @param x token states {@code [batch, tokens, dim]}
     * @param mask {@code [batch, tokens, 1]}, 1 on real tokens
     * @return {@code [batch, tokens]}, 0 on padding
     */
    NDArray forward(NDArray x, NDArray mask, boolean training) {
        NDArray h = layer(conv1, norm1, x.mul(mask), training);
        h = layer(conv2, norm2, h.mul(mask), training);
        return output.forward(h).mul(mask).squeeze(2);
    }

    private NDArray layer(Conv1d conv, LayerNorm norm, NDArray x, boolean training) {
        NDArray h = Activation.relu(conv.forward(x.transpose(0, 2, 1))).transpose(0, 2, 1);
        return Dropout.apply(norm.forward(h), dropout, training);
    }
}
