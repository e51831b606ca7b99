package io.mytts.vocoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.mytts.nn.Conv1d;
import io.mytts.nn.LayerNorm;
import io.mytts.nn.Linear;
import io.mytts.nn.ParameterSet;
import io.mytts.nn.Scalars;
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
    /** Vocos's layer-norm epsilon. */
    private static final float LAYER_NORM_EPS = 1e-6f;

    private final VocoderConfig config;
    private final ParameterSet params;
    private final InverseStft istft;
    private final Conv1d embed;
    private final LayerNorm norm;
    private final List<Block> blocks = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear head;

    /** One ConvNeXt block. */
    private record Block(Conv1d depthwise, LayerNorm norm, Linear expand, Linear project, NDArray scale) {
        NDArray forward(NDArray x) {
            NDArray h = depthwise.forward(x.transpose(0, 2, 1)).transpose(0, 2, 1);
            h = Activation.gelu(expand.forward(norm.forward(h)));
            return x.add(project.forward(h).mul(scale));
        }
    }

    VocosGenerator(VocoderConfig config, NDManager manager, long seed) {
        this.config = config;
        this.params = new ParameterSet(manager, seed);
        this.istft = new InverseStft(config.audio(), manager);
        int d = config.dim();
        int k = config.kernelSize();
        LayerNorm.Config normConfig = new LayerNorm.Config(d, LAYER_NORM_EPS);
        embed = new Conv1d(params, "backbone.embed",
                Conv1d.builder().setChannels(config.audio().nMels(), d).setKernel(k).build());
        norm = new LayerNorm(params, "backbone.norm", normConfig);
        for (int i = 0; i < config.layers(); i++) {
            String p = "backbone.blocks." + i + ".";
            blocks.add(new Block(
                    new Conv1d(params, p + "dwconv", Conv1d.builder().setChannels(d, d).setKernel(k).optGroups(d).build()),
                    new LayerNorm(params, p + "norm", normConfig),
                    new Linear(params, p + "pwconv1", Linear.Config.of(d, config.intermediateDim())),
                    new Linear(params, p + "pwconv2", Linear.Config.of(config.intermediateDim(), d)),
                    // Layer scale 1 / layers (Vocos), so each block starts as a small correction.
                    params.constant(p + "gamma", new Shape(d), 1f / config.layers())));
        }
        finalNorm = new LayerNorm(params, "backbone.final_norm", normConfig);
        head = new Linear(params, "head.out", Linear.Config.of(d, config.audio().nFft() + 2));
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
        NDArray x = norm.forward(embed.forward(logMel.transpose(0, 2, 1)).transpose(0, 2, 1)); // [B, T, d]
        for (Block b : blocks) {
            x = b.forward(x);
        }
        NDArray out = head.forward(finalNorm.forward(x)); // [B, T, nFft + 2]
        int bins = config.audio().nFft() / 2 + 1;
        NDList parts = out.split(new long[] {bins}, 2);
        NDArray magnitude = Scalars.minimum(parts.get(0), MAX_LOG_MAGNITUDE).exp();
        NDArray phase = parts.get(1);
        return istft.inverse(magnitude.mul(phase.cos()), magnitude.mul(phase.sin()));
    }

    @Override
    public void close() {
        istft.close();
        params.close();
    }
}
