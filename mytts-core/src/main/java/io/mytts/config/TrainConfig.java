package io.mytts.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model is trained: optimiser, schedule, losses, clipping, batching and bookkeeping.
 *
 * @param seed seed of every random choice in a run ({@code seed})
 * @param batchFrames upper bound on the padded mel frames of one batch ({@code batch_frames})
 * @param maxBatchSize upper bound on utterances per batch ({@code max_batch_size})
 * @param maxFrames utterances longer than this are skipped ({@code max_frames})
 * @param learningRate peak learning rate, reached at the end of warm-up ({@code learning_rate})
 * @param minLearningRate floor of the cosine schedule ({@code min_learning_rate})
 * @param lrSchedule noam, cosine or constant ({@code lr_schedule})
 * @param warmupSteps steps of linear warm-up ({@code warmup_steps})
 * @param maxSteps steps of a full run ({@code max_steps})
 * @param adamBeta1 Adam's β1 ({@code adam_beta1})
 * @param adamBeta2 Adam's β2 ({@code adam_beta2})
 * @param adamEps Adam's ε ({@code adam_eps})
 * @param weightDecay decoupled weight decay, 0 for none ({@code weight_decay})
 * @param clipMode global, per_layer, percentile or none ({@code clip_mode})
 * @param maxGradNorm clipping limit for global and per_layer ({@code max_grad_norm})
 * @param clipPercentile percentile of recent norms used by percentile clipping ({@code clip_percentile})
 * @param clipHistory how many recent norms percentile clipping remembers ({@code clip_history})
 * @param melLoss l1 or mse ({@code mel_loss})
 * @param guidedAttnSigma width g of the guided attention penalty ({@code guided_attn_sigma})
 * @param guidedAttnWeight initial weight of the guided attention loss ({@code guided_attn_weight})
 * @param guidedAttnDecaySteps the weight halves every this many steps ({@code guided_attn_decay_steps})
 * @param guidedAttnLayers decoder layers whose cross-attention is guided; empty means all
 *     ({@code guided_attn_layers})
 * @param logEvery steps between log lines ({@code log_every})
 * @param validateEvery steps between validations ({@code validate_every})
 * @param checkpointEvery steps between checkpoints ({@code checkpoint_every})
 * @param keepLast checkpoints kept besides the best ({@code keep_last})
 * @param valSize utterances held out for validation ({@code val_size})
 * @param maxNonFiniteSteps non-finite steps in a row before rolling back ({@code max_non_finite_steps})
 * @param rollbackLrFactor learning-rate multiplier after a rollback ({@code rollback_lr_factor})
 */
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

    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("batch_frames", batchFrames);
        m.put("max_batch_size", maxBatchSize);
        m.put("max_frames", maxFrames);
        m.put("learning_rate", learningRate);
        m.put("min_learning_rate", minLearningRate);
        m.put("lr_schedule", lrSchedule.jsonName());
        m.put("warmup_steps", warmupSteps);
        m.put("max_steps", maxSteps);
        m.put("adam_beta1", adamBeta1);
        m.put("adam_beta2", adamBeta2);
        m.put("adam_eps", adamEps);
        m.put("weight_decay", weightDecay);
        m.put("clip_mode", clipMode.jsonName());
        m.put("max_grad_norm", maxGradNorm);
        m.put("clip_percentile", clipPercentile);
        m.put("clip_history", clipHistory);
        m.put("mel_loss", melLoss.jsonName());
        m.put("guided_attn_sigma", guidedAttnSigma);
        m.put("guided_attn_weight", guidedAttnWeight);
        m.put("guided_attn_decay_steps", guidedAttnDecaySteps);
        m.put("guided_attn_layers", guidedAttnLayers);
        m.put("log_every", logEvery);
        m.put("validate_every", validateEvery);
        m.put("checkpoint_every", checkpointEvery);
        m.put("keep_last", keepLast);
        m.put("val_size", valSize);
        m.put("max_non_finite_steps", maxNonFiniteSteps);
        m.put("rollback_lr_factor", rollbackLrFactor);
        return m;
    }

    public static TrainConfig fromJson(JsonNode node) {
        JsonObjectReader r = new JsonObjectReader(node, "train config");
        TrainConfig d = builder().build();
        TrainConfig c = new TrainConfig(
                r.getLong("seed", d.seed),
                r.getInt("batch_frames", d.batchFrames),
                r.getInt("max_batch_size", d.maxBatchSize),
                r.getInt("max_frames", d.maxFrames),
                r.getDouble("learning_rate", d.learningRate),
                r.getDouble("min_learning_rate", d.minLearningRate),
                LrSchedule.fromJson(r.getString("lr_schedule", d.lrSchedule.jsonName())),
                r.getInt("warmup_steps", d.warmupSteps),
                r.getInt("max_steps", d.maxSteps),
                r.getDouble("adam_beta1", d.adamBeta1),
                r.getDouble("adam_beta2", d.adamBeta2),
                r.getDouble("adam_eps", d.adamEps),
                r.getDouble("weight_decay", d.weightDecay),
                ClipMode.fromJson(r.getString("clip_mode", d.clipMode.jsonName())),
                r.getDouble("max_grad_norm", d.maxGradNorm),
                r.getDouble("clip_percentile", d.clipPercentile),
                r.getInt("clip_history", d.clipHistory),
                MelLoss.fromJson(r.getString("mel_loss", d.melLoss.jsonName())),
                r.getDouble("guided_attn_sigma", d.guidedAttnSigma),
                r.getDouble("guided_attn_weight", d.guidedAttnWeight),
                r.getInt("guided_attn_decay_steps", d.guidedAttnDecaySteps),
                r.getIntList("guided_attn_layers", d.guidedAttnLayers),
                r.getInt("log_every", d.logEvery),
                r.getInt("validate_every", d.validateEvery),
                r.getInt("checkpoint_every", d.checkpointEvery),
                r.getInt("keep_last", d.keepLast),
                r.getInt("val_size", d.valSize),
                r.getInt("max_non_finite_steps", d.maxNonFiniteSteps),
                r.getDouble("rollback_lr_factor", d.rollbackLrFactor));
        r.rejectUnknownKeys();
        return c;
    }

    /** Builder whose defaults suit the {@code small} preset on one machine. */
    public static final class Builder {
        private long seed = 1234;
        private int batchFrames = 12000;
        private int maxBatchSize = 32;
        private int maxFrames = 1000;
        private double learningRate = 1e-3;
        private double minLearningRate = 1e-5;
        private LrSchedule lrSchedule = LrSchedule.NOAM;
        private int warmupSteps = 4000;
        private int maxSteps = 200_000;
        private double adamBeta1 = 0.9;
        private double adamBeta2 = 0.98;
        private double adamEps = 1e-9;
        private double weightDecay = 0;
        private ClipMode clipMode = ClipMode.GLOBAL;
        private double maxGradNorm = 1.0;
        private double clipPercentile = 90;
        private int clipHistory = 1000;
        private MelLoss melLoss = MelLoss.L1;
        private double guidedAttnSigma = 0.2;
        private double guidedAttnWeight = 1.0;
        private int guidedAttnDecaySteps = 20_000;
        private List<Integer> guidedAttnLayers = List.of();
        private int logEvery = 50;
        private int validateEvery = 1000;
        private int checkpointEvery = 1000;
        private int keepLast = 3;
        private int valSize = 32;
        private int maxNonFiniteSteps = 5;
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
