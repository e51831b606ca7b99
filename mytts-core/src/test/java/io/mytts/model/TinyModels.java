package io.mytts.model;

import io.mytts.config.Activation;
import io.mytts.config.ModelConfig;
import io.mytts.config.PositionEncoding;

/** Very small configurations for fast tests. */
final class TinyModels {

    static final int VOCAB = 12;
    static final int MELS = 6;

    private TinyModels() {}

    static ModelConfig.Builder builder() {
        return ModelConfig.builder().setNumLayers(2).setDModel(16).setNumHeads(2).setDff(32)
                .optPrenetHidden(12).optPostnetLayers(2).optPostnetChannels(8).optPostnetKernel(3)
                .optEncoderPrenetLayers(1).optEncoderPrenetKernel(3).optMaxLength(64);
    }

    static ModelConfig config(Activation activation, PositionEncoding positions) {
        return builder().optActivation(activation).optPosEncodingType(positions).build();
    }
}
