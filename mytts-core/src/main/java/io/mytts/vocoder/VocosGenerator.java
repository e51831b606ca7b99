package io.mytts.vocoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.mytts.nn.ParameterSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Vocos generator (Siuzdak 2023): a ConvNeXt backbone at the mel frame rate and a head that
 * predicts, per frame, the log-magnitude and phase of the STFT, which the inverse STFT turns into
 * {@code hop} samples. Nothing runs at the sample rate, so it is cheap on a CPU.
 *
 * <pre>
 * mel [B, T, M] → conv(k) → LN → N × ConvNeXt → LN → linear → (log|S|, φ) → |S|·e^{iφ} → iSTFT → [B, T·hop]
 * ConvNeXt: x + γ · W2 gelu(W1 LN(depthwise conv(x)))
 * </pre>
 */
final class VocosGenerator implements AutoCloseable {

    /** The magnitude is capped at e^{4.6} ≈ 100 as in Vocos, so an untrained head cannot explode. */
    private static final float MAX_LOG_MAGNITUDE = (float) Math.log(100);

    private final VocoderConfig config;
    private final ParameterSet params;
    private final InverseStft istft;
    private final NDArray embedWeight;
    private final NDArray embedBias;
    private final NDArray normGamma;
    private final NDArray normBeta;
    private final List<Block> blocks = new ArrayList<>();
    private final NDArray finalGamma;
    private final NDArray finalBeta;
    private final NDArray headWeight;
    private final NDArray headBias;

    /** One ConvNeXt block's parameters. */
    private record Block(NDArray dwWeight, NDArray dwBias, NDArray normGamma, NDArray normBeta,
            NDArray w1, NDArray b1, NDArray w2, NDArray b2, NDArray scale) {}

    VocosGenerator(VocoderConfig config, NDManager manager, long seed) {
        this.config = config;
        this.params = new ParameterSet(manager, seed);
        this.istft = new InverseStft(config.audio(), manager);
        int d = config.dim();
        int k = config.kernelSize();
        int mels = config.audio().nMels();
        double std = 0.02; // Vocos: truncated normal, std 0.02, for every conv and linear weight
        embedWeight = params.normal("backbone.embed.weight", new Shape(d, mels, k), std);
        embedBias = params.constant("backbone.embed.bias", new Shape(d), 0f);
        normGamma = params.constant("backbone.norm.gamma", new Shape(d), 1f);
        normBeta = params.constant("backbone.norm.beta", new Shape(d), 0f);
        for (int i = 0; i < config.layers(); i++) {
            String p = "backbone.blocks." + i + ".";
            blocks.add(new Block(
                    params.normal(p + "dwconv.weight", new Shape(d, 1, k), std),
                    params.constant(p + "dwconv.bias", new Shape(d), 0f),
                    params.constant(p + "norm.gamma", new Shape(d), 1f),
                    params.constant(p + "norm.beta", new Shape(d), 0f),
                    params.normal(p + "pwconv1.weight", new Shape(d, config.intermediateDim()), std),
                    params.constant(p + "pwconv1.bias", new Shape(config.intermediateDim()), 0f),
                    params.normal(p + "pwconv2.weight", new Shape(config.intermediateDim(), d), std),
                    params.constant(p + "pwconv2.bias", new Shape(d), 0f),
                    // Layer scale 1 / layers (Vocos), so each block starts as a small correction.
                    params.constant(p + "gamma", new Shape(d), 1f / config.layers())));
        }
        finalGamma = params.constant("backbone.final_norm.gamma", new Shape(d), 1f);
        finalBeta = params.constant("backbone.final_norm.beta", new Shape(d), 0f);
        int out = config.audio().nFft() + 2;
        headWeight = params.normal("head.out.weight", new Shape(d, out), std);
        headBias = params.constant("head.out.bias", new Shape(out), 0f);
    }

    VocoderConfig config() {
        return config;
    }

    ParameterSet parameters() {
        return params;
    }

    Map<String, NDArray> arrays() {
        return params.arrays();
    }

    /**
     * Audio for a batch of log-mels.
     *
     * @param logMel {@code [B, T, nMels]}, in the manager the results should live in
     * @return {@code [B, T·hop]}
     */
    NDArray forward(NDArray logMel) {
        int pad = config.kernelSize() / 2;
        NDArray x = Layers.conv(logMel.transpose(0, 2, 1), embedWeight, embedBias, new Shape(1), new Shape(pad), 1)
                .transpose(0, 2, 1); // [B, T, d]
        x = Layers.layerNorm(x, normGamma, normBeta);
        for (Block b : blocks) {
            NDArray h = Layers.conv(x.transpose(0, 2, 1), b.dwWeight(), b.dwBias(), new Shape(1), new Shape(pad),
                    config.dim()).transpose(0, 2, 1);
            h = Layers.layerNorm(h, b.normGamma(), b.normBeta());
            h = Activation.gelu(Layers.linear(h, b.w1(), b.b1()));
            h = Layers.linear(h, b.w2(), b.b2()).mul(b.scale());
            x = x.add(h);
        }
        x = Layers.layerNorm(x, finalGamma, finalBeta);
        NDArray head = Layers.linear(x, headWeight, headBias); // [B, T, nFft + 2]
        int bins = config.audio().nFft() / 2 + 1;
        NDList parts = head.split(new long[] {bins}, 2);
        NDArray magnitude = parts.get(0).minimum(MAX_LOG_MAGNITUDE).exp();
        NDArray phase = parts.get(1);
        return istft.inverse(magnitude.mul(phase.cos()), magnitude.mul(phase.sin()));
    }

    @Override
    public void close() {
        istft.close();
        params.close();
    }
}
