package io.mytts.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Architecture of a {@code TransformerTTS}: every field of MyTTSModel's {@code TransformerTTS}
 * constructor (camelCase here, snake_case in JSON) plus what this implementation adds.
 *
 * <p>Keys absent from an older JSON file take the defaults that reproduce the old behaviour:
 * GELU feed-forward, sinusoidal positions, no encoder prenet, one frame per step.
 *
 * @param numLayers encoder and decoder layers each ({@code num_layers})
 * @param dModel model width ({@code d_model})
 * @param numHeads attention heads; must divide {@code dModel} ({@code num_heads})
 * @param dff feed-forward hidden size before any SwiGLU scaling ({@code dff})
 * @param dropoutRate dropout in attention and feed-forward ({@code dropout_rate})
 * @param droppathRate stochastic depth at the deepest layer; grows linearly from 0 ({@code droppath_rate})
 * @param usePrenet whether the decoder has its two-layer mel prenet ({@code use_prenet})
 * @param prenetDrop dropout of the decoder prenet ({@code prenet_drop})
 * @param crossWin cross-attention window during generation as a share of the input length, or
 *     null for none ({@code cross_win})
 * @param maxLength longest input or output sequence accepted ({@code max_length})
 * @param activation feed-forward activation ({@code activation})
 * @param posEncodingType position encoding ({@code pos_encoding_type})
 * @param reductionFactor mel frames emitted per decoder step ({@code reduction_factor})
 * @param prenetHidden hidden size of the decoder prenet ({@code prenet_hidden})
 * @param inferencePrenetDropout whether prenet dropout stays on at inference, as in Tacotron
 *     ({@code inference_prenet_dropout})
 * @param encoderPrenet whether token embeddings pass through a convolutional prenet
 *     ({@code encoder_prenet})
 * @param encoderPrenetLayers convolution layers of that prenet ({@code encoder_prenet_layers})
 * @param encoderPrenetKernel kernel width of that prenet, odd ({@code encoder_prenet_kernel})
 * @param postnetLayers convolution layers of the residual postnet; 0 turns it off ({@code postnet_layers})
 * @param postnetChannels channels of the postnet ({@code postnet_channels})
 * @param postnetKernel kernel width of the postnet, odd ({@code postnet_kernel})
 * @param stopPosWeight weight of the positive (stop) class in the stop-token loss ({@code stop_pos_weight})
 * @param crossWinTokens cross-attention window during generation as a fixed number of tokens ahead
 *     of the alignment peak; when set it replaces {@code cross_win} ({@code cross_win_tokens},
 *     null by default; see {@link CrossWindow})
 */
public record ModelConfig(
        int numLayers,
        int dModel,
        int numHeads,
        int dff,
        double dropoutRate,
        double droppathRate,
        boolean usePrenet,
        double prenetDrop,
        Double crossWin,
        int maxLength,
        Activation activation,
        PositionEncoding posEncodingType,
        int reductionFactor,
        int prenetHidden,
        boolean inferencePrenetDropout,
        boolean encoderPrenet,
        int encoderPrenetLayers,
        int encoderPrenetKernel,
        int postnetLayers,
        int postnetChannels,
        int postnetKernel,
        double stopPosWeight,
        Integer crossWinTokens) {

    /** Validates on construction, so that no invalid config exists. */
    public ModelConfig {
        Validation v = new Validation("model config");
        v.positive("num_layers", numLayers);
        v.positive("d_model", dModel);
        v.positive("num_heads", numHeads);
        v.positive("dff", dff);
        if (numHeads > 0 && dModel % numHeads != 0) {
            v.fail("d_model (" + dModel + ") must be divisible by num_heads (" + numHeads
                    + "); for example d_model " + (dModel / numHeads + 1) * numHeads);
        } else if (posEncodingType == PositionEncoding.ROPE && numHeads > 0
                && (dModel / numHeads) % 2 != 0) {
            v.fail("rope needs an even head size, but d_model / num_heads = " + dModel / numHeads);
        }
        v.rate("dropout_rate", dropoutRate);
        v.rate("droppath_rate", droppathRate);
        v.rate("prenet_drop", prenetDrop);
        if (crossWin != null && !(crossWin > 0 && crossWin <= 1)) {
            v.fail("cross_win must be in (0, 1] or null, not " + crossWin);
        }
        v.positive("max_length", maxLength);
        v.notNull("activation", activation);
        v.notNull("pos_encoding_type", posEncodingType);
        v.positive("reduction_factor", reductionFactor);
        if (reductionFactor > 8) {
            v.fail("reduction_factor must be at most 8, not " + reductionFactor);
        }
        v.positive("prenet_hidden", prenetHidden);
        v.positive("encoder_prenet_layers", encoderPrenetLayers);
        v.oddPositive("encoder_prenet_kernel", encoderPrenetKernel);
        v.nonNegative("postnet_layers", postnetLayers);
        v.positive("postnet_channels", postnetChannels);
        v.oddPositive("postnet_kernel", postnetKernel);
        if (!(stopPosWeight > 0) || Double.isInfinite(stopPosWeight)) {
            v.fail("stop_pos_weight must be a positive number, not " + stopPosWeight);
        }
        if (crossWinTokens != null && crossWinTokens < 1) {
            v.fail("cross_win_tokens must be at least 1 or null, not " + crossWinTokens);
        }
        v.throwIfFailed();
    }

    /** The generation window: {@code cross_win_tokens} when set, else {@code cross_win}'s share or none. */
    public CrossWindow crossWindow() {
        return crossWinTokens != null ? CrossWindow.tokens(crossWinTokens) : CrossWindow.ofShare(crossWin);
    }

    /** Head size {@code dModel / numHeads}. */
    public int headDim() {
        return dModel / numHeads;
    }

    /**
     * Hidden size of the feed-forward layer: {@code dff} for GELU, and {@code round(2/3 · dff)}
     * for SwiGLU, whose three matrices then hold about as many parameters as GELU's two.
     */
    public int ffnHidden() {
        return activation == Activation.SWIGLU ? (int) Math.round(dff * 2.0 / 3.0) : dff;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The JSON object, keys in snake_case, in declaration order; a null {@code cross_win_tokens} is left out. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_layers", numLayers);
        m.put("d_model", dModel);
        m.put("num_heads", numHeads);
        m.put("dff", dff);
        m.put("dropout_rate", dropoutRate);
        m.put("droppath_rate", droppathRate);
        m.put("use_prenet", usePrenet);
        m.put("prenet_drop", prenetDrop);
        m.put("cross_win", crossWin);
        m.put("max_length", maxLength);
        m.put("activation", activation.jsonName());
        m.put("pos_encoding_type", posEncodingType.jsonName());
        m.put("reduction_factor", reductionFactor);
        m.put("prenet_hidden", prenetHidden);
        m.put("inference_prenet_dropout", inferencePrenetDropout);
        m.put("encoder_prenet", encoderPrenet);
        m.put("encoder_prenet_layers", encoderPrenetLayers);
        m.put("encoder_prenet_kernel", encoderPrenetKernel);
        m.put("postnet_layers", postnetLayers);
        m.put("postnet_channels", postnetChannels);
        m.put("postnet_kernel", postnetKernel);
        m.put("stop_pos_weight", stopPosWeight);
        if (crossWinTokens != null) {
            // Written only when set, so that files of models without it read as before.
            m.put("cross_win_tokens", crossWinTokens);
        }
        return m;
    }

    /**
     * Reads a model config; absent keys take the defaults that keep old files' behaviour, and an
     * unknown key is an error that names it.
     */
    public static ModelConfig fromJson(JsonNode node) {
        JsonObjectReader r = new JsonObjectReader(node, "model config");
        Builder d = new Builder();
        Builder b = new Builder()
                .setNumLayers(r.getInt("num_layers", d.numLayers))
                .setDModel(r.getInt("d_model", d.dModel))
                .setNumHeads(r.getInt("num_heads", d.numHeads))
                .setDff(r.getInt("dff", d.dff))
                .optDropoutRate(r.getDouble("dropout_rate", d.dropoutRate))
                .optDroppathRate(r.getDouble("droppath_rate", d.droppathRate))
                .optUsePrenet(r.getBoolean("use_prenet", d.usePrenet))
                .optPrenetDrop(r.getDouble("prenet_drop", d.prenetDrop))
                .optCrossWin(r.getNullableDouble("cross_win", d.crossWin))
                .optMaxLength(r.getInt("max_length", d.maxLength))
                .optActivation(Activation.fromJson(r.getString("activation", d.activation.jsonName())))
                .optPosEncodingType(PositionEncoding.fromJson(
                        r.getString("pos_encoding_type", d.posEncodingType.jsonName())))
                .optReductionFactor(r.getInt("reduction_factor", d.reductionFactor))
                .optPrenetHidden(r.getInt("prenet_hidden", d.prenetHidden))
                .optInferencePrenetDropout(r.getBoolean("inference_prenet_dropout", d.inferencePrenetDropout))
                .optEncoderPrenet(r.getBoolean("encoder_prenet", d.encoderPrenet))
                .optEncoderPrenetLayers(r.getInt("encoder_prenet_layers", d.encoderPrenetLayers))
                .optEncoderPrenetKernel(r.getInt("encoder_prenet_kernel", d.encoderPrenetKernel))
                .optPostnetLayers(r.getInt("postnet_layers", d.postnetLayers))
                .optPostnetChannels(r.getInt("postnet_channels", d.postnetChannels))
                .optPostnetKernel(r.getInt("postnet_kernel", d.postnetKernel))
                .optStopPosWeight(r.getDouble("stop_pos_weight", d.stopPosWeight))
                .optCrossWinTokens(r.getNullableInt("cross_win_tokens", d.crossWinTokens));
        r.rejectUnknownKeys();
        return b.build();
    }

    /**
     * Builder with MyTTSModel's defaults ({@code TransformerTTS}'s keyword defaults): 4 layers,
     * d_model 256, 4 heads, dff 1024 unless set.
     */
    public static final class Builder {
        private int numLayers = 4;
        private int dModel = 256;
        private int numHeads = 4;
        private int dff = 1024;
        private double dropoutRate = 0.1;
        private double droppathRate = 0.05;
        private boolean usePrenet = true;
        private double prenetDrop = 0.5;
        private Double crossWin = 0.2;
        private int maxLength = 4096;
        private Activation activation = Activation.GELU;
        private PositionEncoding posEncodingType = PositionEncoding.SINUSOIDAL;
        private int reductionFactor = 1;
        private int prenetHidden = 256;
        private boolean inferencePrenetDropout = true;
        private boolean encoderPrenet = false;
        private int encoderPrenetLayers = 3;
        private int encoderPrenetKernel = 5;
        private int postnetLayers = 5;
        private int postnetChannels = 256;
        private int postnetKernel = 5;
        private double stopPosWeight = 8.0;
        private Integer crossWinTokens;

        private Builder() {}

        private Builder(ModelConfig c) {
            numLayers = c.numLayers;
            dModel = c.dModel;
            numHeads = c.numHeads;
            dff = c.dff;
            dropoutRate = c.dropoutRate;
            droppathRate = c.droppathRate;
            usePrenet = c.usePrenet;
            prenetDrop = c.prenetDrop;
            crossWin = c.crossWin;
            maxLength = c.maxLength;
            activation = c.activation;
            posEncodingType = c.posEncodingType;
            reductionFactor = c.reductionFactor;
            prenetHidden = c.prenetHidden;
            inferencePrenetDropout = c.inferencePrenetDropout;
            encoderPrenet = c.encoderPrenet;
            encoderPrenetLayers = c.encoderPrenetLayers;
            encoderPrenetKernel = c.encoderPrenetKernel;
            postnetLayers = c.postnetLayers;
            postnetChannels = c.postnetChannels;
            postnetKernel = c.postnetKernel;
            stopPosWeight = c.stopPosWeight;
            crossWinTokens = c.crossWinTokens;
        }

        public Builder setNumLayers(int v) { numLayers = v; return this; }
        public Builder setDModel(int v) { dModel = v; return this; }
        public Builder setNumHeads(int v) { numHeads = v; return this; }
        public Builder setDff(int v) { dff = v; return this; }
        public Builder optDropoutRate(double v) { dropoutRate = v; return this; }
        public Builder optDroppathRate(double v) { droppathRate = v; return this; }
        public Builder optUsePrenet(boolean v) { usePrenet = v; return this; }
        public Builder optPrenetDrop(double v) { prenetDrop = v; return this; }
        /** Cross-attention window share, or null to turn the window off. */
        public Builder optCrossWin(Double v) { crossWin = v; return this; }
        public Builder optMaxLength(int v) { maxLength = v; return this; }
        public Builder optActivation(Activation v) { activation = v; return this; }
        public Builder optPosEncodingType(PositionEncoding v) { posEncodingType = v; return this; }
        public Builder optReductionFactor(int v) { reductionFactor = v; return this; }
        public Builder optPrenetHidden(int v) { prenetHidden = v; return this; }
        public Builder optInferencePrenetDropout(boolean v) { inferencePrenetDropout = v; return this; }
        public Builder optEncoderPrenet(boolean v) { encoderPrenet = v; return this; }
        public Builder optEncoderPrenetLayers(int v) { encoderPrenetLayers = v; return this; }
        public Builder optEncoderPrenetKernel(int v) { encoderPrenetKernel = v; return this; }
        public Builder optPostnetLayers(int v) { postnetLayers = v; return this; }
        public Builder optPostnetChannels(int v) { postnetChannels = v; return this; }
        public Builder optPostnetKernel(int v) { postnetKernel = v; return this; }
        public Builder optStopPosWeight(double v) { stopPosWeight = v; return this; }
        /** Cross-attention window in tokens ahead of the peak, replacing the share; null for the share. */
        public Builder optCrossWinTokens(Integer v) { crossWinTokens = v; return this; }

        /** Builds and validates; throws {@link io.mytts.InvalidInputException} listing every problem. */
        public ModelConfig build() {
            return new ModelConfig(numLayers, dModel, numHeads, dff, dropoutRate, droppathRate,
                    usePrenet, prenetDrop, crossWin, maxLength, activation, posEncodingType,
                    reductionFactor, prenetHidden, inferencePrenetDropout, encoderPrenet,
                    encoderPrenetLayers, encoderPrenetKernel, postnetLayers, postnetChannels,
                    postnetKernel, stopPosWeight, crossWinTokens);
        }
    }
}
