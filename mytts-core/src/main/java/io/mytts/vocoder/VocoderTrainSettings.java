package io.mytts.vocoder;

import com.fasterxml.jackson.databind.JsonNode;
import io.mytts.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a vocoder is trained. The defaults fit this project's 2-core CPU: short windows, a small
 * batch, and the adversarial phase only after the spectral losses have shaped the output.
 *
 * @param batchSize windows per step
 * @param segmentFrames mel frames per window (32 frames = 8,192 samples at hop 256)
 * @param learningRate Adam's step size, for generator and critics alike
 * @param beta1 Adam's first-moment decay (HiFi-GAN: 0.8)
 * @param beta2 Adam's second-moment decay (HiFi-GAN: 0.99)
 * @param adversarialFrom the step from which the critics train and judge (0: from the start)
 * @param melWeight weight of the mel L1 loss (HiFi-GAN: 45)
 * @param stftWeight weight of the multi-resolution STFT loss
 * @param featureWeight weight of feature matching (HiFi-GAN: 2)
 * @param maxSteps when to stop
 * @param logEvery steps between metric lines
 * @param checkpointEvery steps between checkpoints
 * @param validateEvery steps between validation passes (audio written to the run folder)
 * @param keepLast checkpoints kept
 * @param validationSize utterances held out for validation
 * @param seed seed of initial weights and batch order
 */
public record VocoderTrainSettings(int batchSize, int segmentFrames, double learningRate, double beta1,
        double beta2, long adversarialFrom, double melWeight, double stftWeight, double featureWeight,
        long maxSteps, int logEvery, int checkpointEvery, int validateEvery, int keepLast, int validationSize,
        long seed) {

    public static final VocoderTrainSettings DEFAULT = new VocoderTrainSettings(8, 32, 2e-4, 0.8, 0.99, 30_000,
            45, 15, 2, 200_000, 50, 500, 1000, 3, 8, 1234);

    public VocoderTrainSettings {
        StringBuilder problems = new StringBuilder();
        check(problems, batchSize >= 1, "batch_size must be at least 1");
        check(problems, segmentFrames >= 4, "segment_frames must be at least 4");
        check(problems, learningRate > 0, "learning_rate must be positive");
        check(problems, beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "beta1 and beta2 must be in [0, 1)");
        check(problems, adversarialFrom >= 0, "adversarial_from must be at least 0");
        check(problems, melWeight >= 0 && stftWeight >= 0 && featureWeight >= 0, "loss weights must be at least 0");
        check(problems, maxSteps >= 1, "max_steps must be at least 1");
        check(problems, logEvery >= 1 && checkpointEvery >= 1 && validateEvery >= 1,
                "log_every, checkpoint_every and validate_every must be at least 1");
        check(problems, keepLast >= 1, "keep_last must be at least 1");
        check(problems, validationSize >= 1, "validation_size must be at least 1");
        if (problems.length() > 0) {
            throw new InvalidInputException("vocoder training settings: " + problems);
        }
    }

    private static void check(StringBuilder problems, boolean ok, String message) {
        if (!ok) {
            problems.append(problems.length() == 0 ? "" : "; ").append(message);
        }
    }

    public VocoderTrainSettings withMaxSteps(long steps) {
        return new VocoderTrainSettings(batchSize, segmentFrames, learningRate, beta1, beta2, adversarialFrom,
                melWeight, stftWeight, featureWeight, steps, logEvery, checkpointEvery, validateEvery, keepLast,
                validationSize, seed);
    }

    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batch_size", batchSize);
        m.put("segment_frames", segmentFrames);
        m.put("learning_rate", learningRate);
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("adversarial_from", adversarialFrom);
        m.put("mel_weight", melWeight);
        m.put("stft_weight", stftWeight);
        m.put("feature_weight", featureWeight);
        m.put("max_steps", maxSteps);
        m.put("log_every", logEvery);
        m.put("checkpoint_every", checkpointEvery);
        m.put("validate_every", validateEvery);
        m.put("keep_last", keepLast);
        m.put("validation_size", validationSize);
        m.put("seed", seed);
        return m;
    }

    /** Reads {@link #toJsonMap}'s form over the defaults; unknown keys and wrong types are errors. */
    public static VocoderTrainSettings fromJson(JsonNode node, String source) {
        Map<String, Object> known = DEFAULT.toJsonMap();
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(source + ": vocoder training settings must be a JSON object");
        }
        Map<String, JsonNode> given = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!known.containsKey(e.getKey())) {
                throw new InvalidInputException(source + ": unknown vocoder training key '" + e.getKey()
                        + "'; known keys: " + String.join(", ", known.keySet()));
            }
            if (!e.getValue().isNumber()) {
                throw new InvalidInputException(source + ": vocoder training key '" + e.getKey()
                        + "' must be a number, got " + e.getValue());
            }
            given.put(e.getKey(), e.getValue());
        });
        return new VocoderTrainSettings(
                whole(given, "batch_size", DEFAULT.batchSize, source), whole(given, "segment_frames", DEFAULT.segmentFrames, source),
                real(given, "learning_rate", DEFAULT.learningRate), real(given, "beta1", DEFAULT.beta1),
                real(given, "beta2", DEFAULT.beta2), wholeLong(given, "adversarial_from", DEFAULT.adversarialFrom, source),
                real(given, "mel_weight", DEFAULT.melWeight), real(given, "stft_weight", DEFAULT.stftWeight),
                real(given, "feature_weight", DEFAULT.featureWeight), wholeLong(given, "max_steps", DEFAULT.maxSteps, source),
                whole(given, "log_every", DEFAULT.logEvery, source), whole(given, "checkpoint_every", DEFAULT.checkpointEvery, source),
                whole(given, "validate_every", DEFAULT.validateEvery, source), whole(given, "keep_last", DEFAULT.keepLast, source),
                whole(given, "validation_size", DEFAULT.validationSize, source), wholeLong(given, "seed", DEFAULT.seed, source));
    }

    private static double real(Map<String, JsonNode> given, String key, double fallback) {
        JsonNode v = given.get(key);
        return v == null ? fallback : v.doubleValue();
    }

    private static long wholeLong(Map<String, JsonNode> given, String key, long fallback, String source) {
        JsonNode v = given.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber()) {
            throw new InvalidInputException(source + ": vocoder training key '" + key + "' must be a whole number, got " + v);
        }
        return v.longValue();
    }

    private static int whole(Map<String, JsonNode> given, String key, int fallback, String source) {
        return Math.toIntExact(wholeLong(given, key, fallback, source));
    }
}
