package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Map;

/**
 * Architecture of a {@code TransformerTTS}: every field of MyTTSModel's {@code TransformerTTS}
 * constructor (camelCase here, snake_case in JSON) plus what this implementation adds.
 *
 * <p>Each key is declared once, as a field of {@link Builder}: its JSON name (the field's name in
 * snake_case), type, default and description. Keys absent from an older JSON file take those
 * defaults, which reproduce the old behaviour: GELU feed-forward, sinusoidal positions, no encoder
 * prenet, one frame per step. {@code mytts config show --describe} lists them.
 */
@JsonDeserialize(builder = ModelConfig.Builder.class)
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
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer crossWinTokens) {

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

    /**
     * Refuses a sequence longer than {@code max_length}, the longest a model of this config takes (its
     * positions, caches and masks are made for it).
     *
     * @param what the sequence, for the message ("input of 12 tokens")
     * @throws io.mytts.InvalidInputException when {@code length} is over {@code max_length}
     */
    public void checkLength(String what, long length) {
        if (length > maxLength) {
            throw new io.mytts.InvalidInputException(what + " is longer than the model's max_length of " + maxLength
                    + "; split the text into shorter pieces or raise max_length");
        }
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
        return StrictJson.toMap(this);
    }

    /**
     * Reads a model config; absent keys take the defaults that keep old files' behaviour, and an
     * unknown key or a wrong type is an error that names it.
     */
    public static ModelConfig fromJson(JsonNode node) {
        return StrictJson.convert(node, ModelConfig.class, "model config");
    }

    /**
     * Builder with MyTTSModel's defaults ({@code TransformerTTS}'s keyword defaults): 4 layers,
     * d_model 256, 4 heads, dff 1024 unless set.
     */
    @JsonPOJOBuilder
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class Builder {
        @JsonPropertyDescription("encoder and decoder layers each")
        private int numLayers = 4;
        @JsonPropertyDescription("model width")
        private int dModel = 256;
        @JsonPropertyDescription("attention heads; must divide d_model")
        private int numHeads = 4;
        @JsonPropertyDescription("feed-forward hidden size before any SwiGLU scaling")
        private int dff = 1024;
        @JsonPropertyDescription("dropout in attention and feed-forward")
        private double dropoutRate = 0.1;
        @JsonPropertyDescription("stochastic depth at the deepest layer; grows linearly from 0")
        private double droppathRate = 0.05;
        @JsonPropertyDescription("whether the decoder has its two-layer mel prenet")
        private boolean usePrenet = true;
        @JsonPropertyDescription("dropout of the decoder prenet")
        private double prenetDrop = 0.5;
        @JsonPropertyDescription("cross-attention window during generation as a share of the input length in (0, 1], or null for none")
        private Double crossWin = 0.2;
        @JsonPropertyDescription("longest input or output sequence accepted")
        private int maxLength = 4096;
        @JsonPropertyDescription("feed-forward activation")
        private Activation activation = Activation.GELU;
        @JsonPropertyDescription("position encoding")
        private PositionEncoding posEncodingType = PositionEncoding.SINUSOIDAL;
        @JsonPropertyDescription("mel frames emitted per decoder step (1 to 8)")
        private int reductionFactor = 1;
        @JsonPropertyDescription("hidden size of the decoder prenet")
        private int prenetHidden = 256;
        @JsonPropertyDescription("whether prenet dropout stays on at inference, as in Tacotron")
        private boolean inferencePrenetDropout = true;
        @JsonPropertyDescription("whether token embeddings pass through a convolutional prenet")
        private boolean encoderPrenet = false;
        @JsonPropertyDescription("convolution layers of the encoder prenet")
        private int encoderPrenetLayers = 3;
        @JsonPropertyDescription("kernel width of the encoder prenet, odd")
        private int encoderPrenetKernel = 5;
        @JsonPropertyDescription("convolution layers of the residual postnet; 0 turns it off")
        private int postnetLayers = 5;
        @JsonPropertyDescription("channels of the postnet")
        private int postnetChannels = 256;
        @JsonPropertyDescription("kernel width of the postnet, odd")
        private int postnetKernel = 5;
        @JsonPropertyDescription("weight of the positive (stop) class in the stop-token loss")
        private double stopPosWeight = 8.0;
        @JsonPropertyDescription("cross-attention window during generation as a fixed number of tokens ahead of the alignment peak; when set it replaces cross_win (unset by default)")
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
