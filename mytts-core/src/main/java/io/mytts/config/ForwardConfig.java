package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

/**
 * What only a forward (FastSpeech2-style) model has: its variance adaptor, the weights of its
 * variance losses, and where its training durations come from ({@link ForwardAlignment}). The rest of its architecture (layers, width, heads, feed-forward, dropout,
 * positions, postnet) is the {@code model} section's, meaning the same as for the autoregressive
 * model. It is the {@code forward} section of a config file, absent from older files and from
 * autoregressive runs' configs; each key is declared once, as a field of {@link Builder}.
 *
 * @param varianceChannels channels of the duration, pitch and energy predictors
 * @param varianceKernel kernel width of the predictors' convolutions
 * @param varianceDropout dropout after each predictor convolution
 * @param embeddingKernel kernel width of the pitch and energy embeddings' convolution
 * @param durationLossWeight weight of the duration loss in the total
 * @param pitchLossWeight weight of the pitch loss in the total
 * @param energyLossWeight weight of the energy loss in the total
 * @param alignment where the training durations come from ({@link ForwardAlignment})
 * @param alignmentLossWeight weight of the alignment prior's loss in the total (learned alignment only)
 */
@JsonDeserialize(builder = ForwardConfig.Builder.class)
public record ForwardConfig(
        int varianceChannels,
        int varianceKernel,
        double varianceDropout,
        int embeddingKernel,
        double durationLossWeight,
        double pitchLossWeight,
        double energyLossWeight,
        ForwardAlignment alignment,
        double alignmentLossWeight) {

    /** The defaults. */
    public static final ForwardConfig DEFAULT = builder().build();

    public ForwardConfig {
        Validation v = new Validation("forward config");
        v.positive("variance_channels", varianceChannels);
        v.oddPositive("variance_kernel", varianceKernel);
        v.rate("variance_dropout", varianceDropout);
        v.oddPositive("embedding_kernel", embeddingKernel);
        nonNegative(v, "duration_loss_weight", durationLossWeight);
        nonNegative(v, "pitch_loss_weight", pitchLossWeight);
        nonNegative(v, "energy_loss_weight", energyLossWeight);
        nonNegative(v, "alignment_loss_weight", alignmentLossWeight);
        if (alignment == null) {
            v.fail("alignment must be teacher or learned");
        }
        v.throwIfFailed();
    }

    private static void nonNegative(Validation v, String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            v.fail(key + " must be a number of at least 0, not " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builder with the defaults of FastSpeech2's variance adaptor (kernel 3, dropout 0.5). */
    @JsonPOJOBuilder
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class Builder {
        @JsonPropertyDescription("channels of the duration, pitch and energy predictors")
        private int varianceChannels = 256;
        @JsonPropertyDescription("kernel width of the predictors' two convolutions, odd")
        private int varianceKernel = 3;
        @JsonPropertyDescription("dropout after each predictor convolution")
        private double varianceDropout = 0.5;
        @JsonPropertyDescription("kernel width of the pitch and energy embeddings' convolution, odd")
        private int embeddingKernel = 3;
        @JsonPropertyDescription("weight of the duration loss (MSE of log(1 + frames)) in the total")
        private double durationLossWeight = 1.0;
        @JsonPropertyDescription("weight of the pitch loss (MSE of per-token z-scores) in the total")
        private double pitchLossWeight = 1.0;
        @JsonPropertyDescription("weight of the energy loss (MSE of per-token z-scores) in the total")
        private double energyLossWeight = 1.0;
        @JsonPropertyDescription("where the training durations come from: teacher (prosody.json, from an autoregressive"
                + " model's attention) or learned (monotonic alignment search under the model's own prior, each step)")
        private ForwardAlignment alignment = ForwardAlignment.TEACHER;
        @JsonPropertyDescription("weight of the alignment prior's loss (Gaussian NLL per mel value) in the total;"
                + " learned alignment only")
        private double alignmentLossWeight = 1.0;

        private Builder() {}

        private Builder(ForwardConfig c) {
            varianceChannels = c.varianceChannels;
            varianceKernel = c.varianceKernel;
            varianceDropout = c.varianceDropout;
            embeddingKernel = c.embeddingKernel;
            durationLossWeight = c.durationLossWeight;
            pitchLossWeight = c.pitchLossWeight;
            energyLossWeight = c.energyLossWeight;
            alignment = c.alignment;
            alignmentLossWeight = c.alignmentLossWeight;
        }

        public Builder optVarianceChannels(int v) { varianceChannels = v; return this; }
        public Builder optVarianceKernel(int v) { varianceKernel = v; return this; }
        public Builder optVarianceDropout(double v) { varianceDropout = v; return this; }
        public Builder optEmbeddingKernel(int v) { embeddingKernel = v; return this; }
        public Builder optDurationLossWeight(double v) { durationLossWeight = v; return this; }
        public Builder optPitchLossWeight(double v) { pitchLossWeight = v; return this; }
        public Builder optEnergyLossWeight(double v) { energyLossWeight = v; return this; }
        public Builder optAlignment(ForwardAlignment v) { alignment = v; return this; }
        public Builder optAlignmentLossWeight(double v) { alignmentLossWeight = v; return this; }

        /** Builds and validates; throws {@link io.mytts.InvalidInputException} listing every problem. */
        public ForwardConfig build() {
            return new ForwardConfig(varianceChannels, varianceKernel, varianceDropout, embeddingKernel,
                    durationLossWeight, pitchLossWeight, energyLossWeight, alignment, alignmentLossWeight);
        }
    }
}
