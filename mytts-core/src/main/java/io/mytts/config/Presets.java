package io.mytts.config;

import io.mytts.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Named configurations, as MyTTSModel's {@code TTSConfig.get_model_preset(name)}.
 *
 * <ul>
 *   <li>{@code tiny}: for tests and smoke runs; a training step takes milliseconds.</li>
 *   <li>{@code small}: the size that trains a usable voice on a 2-core machine in hours.</li>
 *   <li>{@code normal}: the original's model (8 layers, d_model 512, 8 heads, dff 2048).</li>
 *   <li>{@code large}: 12 layers, d_model 768, for GPU machines.</li>
 *   <li>{@code forward-tiny}: a forward model for tests.</li>
 *   <li>{@code forward-small}: a forward (FastSpeech2-style) model for a 2-core machine: d_model
 *       192, 4 encoder and 4 decoder layers, 2 heads, variance predictors of 192 channels.</li>
 * </ul>
 *
 * <p>The forward presets have a {@code forward} section; the others have none.
 */
public final class Presets {

    private static final Map<String, TTSConfig> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("tiny", new TTSConfig(
                ModelConfig.builder().setNumLayers(2).setDModel(64).setNumHeads(2).setDff(128)
                        .optPrenetHidden(64).optPostnetLayers(2).optPostnetChannels(64)
                        .optReductionFactor(2).optDroppathRate(0.0).build(),
                AudioConfig.DEFAULT,
                TrainConfig.builder().optBatchFrames(2000).optMaxBatchSize(8).optMaxFrames(1000)
                        .optWarmupSteps(100).optLearningRate(2e-3).optValSize(4)
                        .optLogEvery(10).optValidateEvery(200).optCheckpointEvery(200).build()));
        PRESETS.put("small", new TTSConfig(
                ModelConfig.builder().setNumLayers(4).setDModel(256).setNumHeads(4).setDff(1024)
                        .optPrenetHidden(256).optEncoderPrenet(true).optReductionFactor(2).build(),
                AudioConfig.DEFAULT,
                TrainConfig.builder().optBatchFrames(8000).optMaxBatchSize(32)
                        .optWarmupSteps(2000).optLearningRate(1e-3).build()));
        PRESETS.put("normal", new TTSConfig(
                ModelConfig.builder().setNumLayers(8).setDModel(512).setNumHeads(8).setDff(2048)
                        .optPrenetHidden(256).optPostnetChannels(512).optEncoderPrenet(true).build(),
                AudioConfig.DEFAULT,
                TrainConfig.builder().optBatchFrames(12000).optWarmupSteps(4000)
                        .optLearningRate(5e-4).build()));
        PRESETS.put("large", new TTSConfig(
                ModelConfig.builder().setNumLayers(12).setDModel(768).setNumHeads(12).setDff(3072)
                        .optPrenetHidden(384).optPostnetChannels(512).optEncoderPrenet(true)
                        .optDroppathRate(0.1).build(),
                AudioConfig.DEFAULT,
                TrainConfig.builder().optBatchFrames(24000).optMaxBatchSize(64)
                        .optWarmupSteps(8000).optLearningRate(3e-4).build()));
    }

    static {
        PRESETS.put("forward-tiny", new TTSConfig(
                ModelConfig.builder().setNumLayers(1).setDModel(32).setNumHeads(2).setDff(64)
                        .optPostnetLayers(2).optPostnetChannels(32).optPostnetKernel(3)
                        .optDroppathRate(0.0).build(),
                AudioConfig.DEFAULT,
                TrainConfig.builder().optBatchFrames(2000).optMaxBatchSize(8).optMaxFrames(1000)
                        .optWarmupSteps(20).optLearningRate(3e-3).optValSize(2)
                        .optLogEvery(10).optValidateEvery(200).optCheckpointEvery(200).build(),
                ForwardConfig.builder().optVarianceChannels(32).optVarianceDropout(0.1).build()));
        PRESETS.put("forward-small", new TTSConfig(
                ModelConfig.builder().setNumLayers(4).setDModel(192).setNumHeads(2).setDff(768)
                        .optPostnetChannels(192).build(),
                AudioConfig.DEFAULT,
                TrainConfig.builder().optBatchFrames(8000).optMaxBatchSize(32).optWarmupSteps(1000)
                        .optLearningRate(1e-3).optValidateEvery(500).optCheckpointEvery(500).build(),
                ForwardConfig.builder().optVarianceChannels(192).build()));
    }

    private Presets() {}

    /** The names, smallest first. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    /** The model config of a preset, as {@code TTSConfig.get_model_preset(name)}. */
    public static ModelConfig get(String name) {
        return config(name).model();
    }

    /** The whole preset: model, audio and training settings. */
    public static TTSConfig config(String name) {
        TTSConfig c = name == null ? null : PRESETS.get(name.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new InvalidInputException("unknown preset '" + name + "'; choose one of: "
                    + String.join(", ", PRESETS.keySet()));
        }
        return c;
    }
}
