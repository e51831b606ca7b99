package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.List;
import java.util.Map;

/**
 * How a model is trained: optimiser, schedule, losses, clipping, batching and bookkeeping.
 *
 * <p>Each key is declared once, as a field of {@link Builder}: its JSON name (the field's name in
 * snake_case), type, default and description; {@code mytts config show --describe} lists them.
 */
@JsonDeserialize(builder = TrainConfig.Builder.class)
public record TrainConfig(
        long seed,
        int batchFrames,
        int maxBatchSize,
        int maxFrames,
        double learningRate,
        double minLearningRate,
        LrSchedule lrSchedule,
        int warmupSteps,
        int maxSteps,
        double adamBeta1,
        double adamBeta2,
        double adamEps,
        double weightDecay,
        ClipMode clipMode,
        double maxGradNorm,
        double clipPercentile,
        int clipHistory,
        MelLoss melLoss,
        double guidedAttnSigma,
        double guidedAttnWeight,
        int guidedAttnDecaySteps,
        List<Integer> guidedAttnLayers,
        int logEvery,
        int validateEvery,
        int checkpointEvery,
        int keepLast,
        int valSize,
        int maxNonFiniteSteps,
        double rollbackLrFactor) {

    public TrainConfig {
        guidedAttnLayers = guidedAttnLayers == null ? List.of() : List.copyOf(guidedAttnLayers);
        Validation v = new Validation("train config");
        v.positive("batch_frames", batchFrames);
        v.positive("max_batch_size", maxBatchSize);
        v.positive("max_frames", maxFrames);
        if (maxFrames > batchFrames) {
            v.fail("max_frames (" + maxFrames + ") must be at most batch_frames (" + batchFrames
                    + "), or the longest utterances fit no batch");
        }
        v.positive("learning_rate", learningRate);
        if (!(minLearningRate >= 0 && minLearningRate <= learningRate)) {
            v.fail("min_learning_rate must be in [0, learning_rate], not " + minLearningRate);
        }
        v.notNull("lr_schedule", lrSchedule);
        v.nonNegative("warmup_steps", warmupSteps);
        v.positive("max_steps", maxSteps);
        v.rate("adam_beta1", adamBeta1);
        v.rate("adam_beta2", adamBeta2);
        v.positive("adam_eps", adamEps);
        if (!(weightDecay >= 0)) {
            v.fail("weight_decay must be 0 or more, not " + weightDecay);
        }
        v.notNull("clip_mode", clipMode);
        v.positive("max_grad_norm", maxGradNorm);
        if (!(clipPercentile > 0 && clipPercentile <= 100)) {
            v.fail("clip_percentile must be in (0, 100], not " + clipPercentile);
        }
        v.positive("clip_history", clipHistory);
        v.notNull("mel_loss", melLoss);
        v.positive("guided_attn_sigma", guidedAttnSigma);
        if (!(guidedAttnWeight >= 0)) {
            v.fail("guided_attn_weight must be 0 or more, not " + guidedAttnWeight);
        }
        v.positive("guided_attn_decay_steps", guidedAttnDecaySteps);
        for (int layer : guidedAttnLayers) {
            if (layer < 0) {
                v.fail("guided_attn_layers holds " + layer + "; layer indices start at 0");
            }
        }
        v.positive("log_every", logEvery);
        v.positive("validate_every", validateEvery);
        v.positive("checkpoint_every", checkpointEvery);
        v.positive("keep_last", keepLast);
        v.nonNegative("val_size", valSize);
        v.positive("max_non_finite_steps", maxNonFiniteSteps);
        if (!(rollbackLrFactor > 0 && rollbackLrFactor <= 1)) {
            v.fail("rollback_lr_factor must be in (0, 1], not " + rollbackLrFactor);
        }
        v.throwIfFailed();
    }

    /** Weight of the guided attention loss at a step: halves every {@code guidedAttnDecaySteps}. */
    public double guidedAttnWeightAt(long step) {
        return guidedAttnWeight * Math.pow(0.5, step / (double) guidedAttnDecaySteps);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The JSON object, keys in snake_case, in declaration order. */
    public Map<String, Object> toJsonMap() {
        return StrictJson.toMap(this);
    }

    /** Reads a train config; absent keys take their defaults, unknown keys and wrong types are errors. */
    public static TrainConfig fromJson(JsonNode node) {
        return StrictJson.convert(node, TrainConfig.class, "train config");
    }

    /** Builder whose defaults suit the {@code small} preset on one machine. */
    @JsonPOJOBuilder
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class Builder {
        @JsonPropertyDescription("seed of every random choice in a run")
        private long seed = 1234;
        @JsonPropertyDescription("upper bound on the padded mel frames of one batch")
        private int batchFrames = 12000;
        @JsonPropertyDescription("upper bound on utterances per batch")
        private int maxBatchSize = 32;
        @JsonPropertyDescription("utterances longer than this are skipped")
        private int maxFrames = 1000;
        @JsonPropertyDescription("peak learning rate, reached at the end of warm-up")
        private double learningRate = 1e-3;
        @JsonPropertyDescription("floor of the cosine schedule")
        private double minLearningRate = 1e-5;
        @JsonPropertyDescription("noam, cosine or constant")
        private LrSchedule lrSchedule = LrSchedule.NOAM;
        @JsonPropertyDescription("steps of linear warm-up")
        private int warmupSteps = 4000;
        @JsonPropertyDescription("steps of a full run")
        private int maxSteps = 200_000;
        @JsonPropertyDescription("Adam's β1")
        private double adamBeta1 = 0.9;
        @JsonPropertyDescription("Adam's β2")
        private double adamBeta2 = 0.98;
        @JsonPropertyDescription("Adam's ε")
        private double adamEps = 1e-9;
        @JsonPropertyDescription("decoupled weight decay, 0 for none")
        private double weightDecay = 0;
        @JsonPropertyDescription("global, per_layer, percentile or none")
        private ClipMode clipMode = ClipMode.GLOBAL;
        @JsonPropertyDescription("clipping limit for global and per_layer")
        private double maxGradNorm = 1.0;
        @JsonPropertyDescription("percentile of recent norms used by percentile clipping")
        private double clipPercentile = 90;
        @JsonPropertyDescription("how many recent norms percentile clipping remembers")
        private int clipHistory = 1000;
        @JsonPropertyDescription("l1 or mse")
        private MelLoss melLoss = MelLoss.L1;
        @JsonPropertyDescription("width g of the guided attention penalty")
        private double guidedAttnSigma = 0.2;
        @JsonPropertyDescription("initial weight of the guided attention loss")
        private double guidedAttnWeight = 1.0;
        @JsonPropertyDescription("the weight halves every this many steps")
        private int guidedAttnDecaySteps = 20_000;
        @JsonPropertyDescription("decoder layers whose cross-attention is guided; empty means all")
        private List<Integer> guidedAttnLayers = List.of();
        @JsonPropertyDescription("steps between log lines")
        private int logEvery = 50;
        @JsonPropertyDescription("steps between validations")
        private int validateEvery = 1000;
        @JsonPropertyDescription("steps between checkpoints")
        private int checkpointEvery = 1000;
        @JsonPropertyDescription("checkpoints kept besides the best")
        private int keepLast = 3;
        @JsonPropertyDescription("utterances held out for validation")
        private int valSize = 32;
        @JsonPropertyDescription("non-finite steps in a row before rolling back")
        private int maxNonFiniteSteps = 5;
        @JsonPropertyDescription("learning-rate multiplier after a rollback")
        private double rollbackLrFactor = 0.5;

        private Builder() {}

        private Builder(TrainConfig c) {
            seed = c.seed;
            batchFrames = c.batchFrames;
            maxBatchSize = c.maxBatchSize;
            maxFrames = c.maxFrames;
            learningRate = c.learningRate;
            minLearningRate = c.minLearningRate;
            lrSchedule = c.lrSchedule;
            warmupSteps = c.warmupSteps;
            maxSteps = c.maxSteps;
            adamBeta1 = c.adamBeta1;
            adamBeta2 = c.adamBeta2;
            adamEps = c.adamEps;
            weightDecay = c.weightDecay;
            clipMode = c.clipMode;
            maxGradNorm = c.maxGradNorm;
            clipPercentile = c.clipPercentile;
            clipHistory = c.clipHistory;
            melLoss = c.melLoss;
            guidedAttnSigma = c.guidedAttnSigma;
            guidedAttnWeight = c.guidedAttnWeight;
            guidedAttnDecaySteps = c.guidedAttnDecaySteps;
            guidedAttnLayers = c.guidedAttnLayers;
            logEvery = c.logEvery;
            validateEvery = c.validateEvery;
            checkpointEvery = c.checkpointEvery;
            keepLast = c.keepLast;
            valSize = c.valSize;
            maxNonFiniteSteps = c.maxNonFiniteSteps;
            rollbackLrFactor = c.rollbackLrFactor;
        }

        public Builder optSeed(long v) { seed = v; return this; }
        public Builder optBatchFrames(int v) { batchFrames = v; return this; }
        public Builder optMaxBatchSize(int v) { maxBatchSize = v; return this; }
        public Builder optMaxFrames(int v) { maxFrames = v; return this; }
        public Builder optLearningRate(double v) { learningRate = v; return this; }
        public Builder optMinLearningRate(double v) { minLearningRate = v; return this; }
        public Builder optLrSchedule(LrSchedule v) { lrSchedule = v; return this; }
        public Builder optWarmupSteps(int v) { warmupSteps = v; return this; }
        public Builder optMaxSteps(int v) { maxSteps = v; return this; }
        public Builder optAdamBeta1(double v) { adamBeta1 = v; return this; }
        public Builder optAdamBeta2(double v) { adamBeta2 = v; return this; }
        public Builder optAdamEps(double v) { adamEps = v; return this; }
        public Builder optWeightDecay(double v) { weightDecay = v; return this; }
        public Builder optClipMode(ClipMode v) { clipMode = v; return this; }
        public Builder optMaxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder optClipPercentile(double v) { clipPercentile = v; return this; }
        public Builder optClipHistory(int v) { clipHistory = v; return this; }
        public Builder optMelLoss(MelLoss v) { melLoss = v; return this; }
        public Builder optGuidedAttnSigma(double v) { guidedAttnSigma = v; return this; }
        public Builder optGuidedAttnWeight(double v) { guidedAttnWeight = v; return this; }
        public Builder optGuidedAttnDecaySteps(int v) { guidedAttnDecaySteps = v; return this; }
        public Builder optGuidedAttnLayers(List<Integer> v) { guidedAttnLayers = v; return this; }
        public Builder optLogEvery(int v) { logEvery = v; return this; }
        public Builder optValidateEvery(int v) { validateEvery = v; return this; }
        public Builder optCheckpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder optKeepLast(int v) { keepLast = v; return this; }
        public Builder optValSize(int v) { valSize = v; return this; }
        public Builder optMaxNonFiniteSteps(int v) { maxNonFiniteSteps = v; return this; }
        public Builder optRollbackLrFactor(double v) { rollbackLrFactor = v; return this; }

        public TrainConfig build() {
            return new TrainConfig(seed, batchFrames, maxBatchSize, maxFrames, learningRate,
                    minLearningRate, lrSchedule, warmupSteps, maxSteps, adamBeta1, adamBeta2,
                    adamEps, weightDecay, clipMode, maxGradNorm, clipPercentile, clipHistory,
                    melLoss, guidedAttnSigma, guidedAttnWeight, guidedAttnDecaySteps,
                    guidedAttnLayers, logEvery, validateEvery, checkpointEvery, keepLast, valSize,
                    maxNonFiniteSteps, rollbackLrFactor);
        }
    }
}
