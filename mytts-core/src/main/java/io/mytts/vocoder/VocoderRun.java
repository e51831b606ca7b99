package io.mytts.vocoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.config.ClipMode;
import io.mytts.config.LrSchedule;
import io.mytts.config.TrainConfig;
import io.mytts.monitor.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a vocoder run was started with, its {@code config.json}:
 * {@code {"vocoder": {...}, "train": {...}, "tiny": false, "mels": "/path/to/cache"}} ({@code mels}
 * only when the mels come from a cache other than the corpus's). Runs of the first trainer wrote the
 * same object as {@value #FIRST_FILE}; a resume reads either.
 *
 * @param vocoder the generator's architecture and audio convention
 * @param train the training settings
 * @param tiny test-sized critics ({@link DiscriminatorConfig#tiny()}) instead of the CPU ones
 * @param mels the feature cache the input mels are read from (absolute), or null for the corpus's own
 */
record VocoderRun(VocoderConfig vocoder, VocoderTrainSettings train, boolean tiny, Path mels) {

    /** The run file of the first trainer, before it trained on the shared loop. */
    static final String FIRST_FILE = "vocoder-run.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    DiscriminatorConfig critics() {
        return tiny ? DiscriminatorConfig.tiny() : DiscriminatorConfig.cpu();
    }

    VocoderRun withMaxSteps(long steps) {
        return new VocoderRun(vocoder, train.withMaxSteps(steps), tiny, mels);
    }

    /**
     * The shared loop's settings: Adam with the run's betas and learning rate, constant, no
     * clipping (the norms are still measured and logged) and no weight decay, as the vocoder
     * always trained. The gradient analysis warns of norms above ten times {@code max_grad_norm}:
     * with the mel loss weighted 45, the generator's norm is in the hundreds when all is well.
     */
    TrainConfig loop() {
        return TrainConfig.builder().optSeed(train.seed()).optLearningRate(train.learningRate())
                .optLrSchedule(LrSchedule.CONSTANT).optWarmupSteps(0).optMaxSteps(Math.toIntExact(train.maxSteps()))
                .optAdamBeta1(train.beta1()).optAdamBeta2(train.beta2()).optAdamEps(1e-8).optWeightDecay(0)
                .optClipMode(ClipMode.NONE).optMaxGradNorm(1000).optLogEvery(train.logEvery()).optValidateEvery(train.validateEvery())
                .optCheckpointEvery(train.checkpointEvery()).optKeepLast(train.keepLast())
                .optValSize(train.validationSize()).build();
    }

    void write(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("vocoder", vocoder.toJsonMap());
        root.put("train", train.toJsonMap());
        root.put("tiny", tiny);
        if (mels != null) {
            root.put("mels", mels.toString());
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    /** The run file of {@code runFolder}: {@code config.json}, or a first run's {@value #FIRST_FILE}. */
    static VocoderRun read(Path runFolder) {
        Path file = runFolder.resolve(RunFolder.CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            file = runFolder.resolve(FIRST_FILE);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--resume: " + runFolder + " has no " + RunFolder.CONFIG_FILE
                    + " (nor " + FIRST_FILE + "); is it a vocoder run folder?");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + " is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.has("vocoder")) {
            throw new InvalidInputException(file + " has no \"vocoder\" section: " + runFolder
                    + " is not a vocoder run folder (a text-to-speech run resumes with 'mytts train --resume')");
        }
        JsonNode tiny = root.path("tiny");
        if (!tiny.isMissingNode() && !tiny.isBoolean()) {
            throw new InvalidInputException(file + ": \"tiny\" must be true or false, got " + tiny);
        }
        JsonNode mels = root.path("mels");
        if (!mels.isMissingNode() && !mels.isTextual()) {
            throw new InvalidInputException(file + ": \"mels\" must be the path of a feature cache, got " + mels);
        }
        return new VocoderRun(VocoderConfig.fromJson(root.get("vocoder"), file.toString()),
                VocoderTrainSettings.fromJson(root.get("train"), file.toString()), tiny.asBoolean(false),
                mels.isTextual() ? Path.of(mels.asText()) : null);
    }
}
