package io.mytts.vocoder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.audio.MelSpectrogram;
import io.mytts.audio.WavIO;
import io.mytts.data.FeatureCache;
import io.mytts.nn.NamedArrays;
import io.mytts.nn.Scalars;
import io.mytts.train.AdamOptimizer;
import io.mytts.train.CheckpointManager;
import io.mytts.train.StopSignal;
import io.mytts.train.Training;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link VocosGenerator} on a prepared corpus: spectral losses first, then, from
 * {@link VocoderTrainSettings#adversarialFrom()}, the critics of {@link Discriminators} too.
 *
 * <p>A step, all in one NDManager closed at its end:
 * <ol>
 *   <li>the generator turns the batch's mels into audio;
 *   <li>(adversarial phase) the critics learn to tell the real windows from the generated ones,
 *       which are detached so this touches no generator gradient, and Adam updates them;
 *   <li>the generator's loss (45·mel L1 + STFT loss, plus least-squares adversarial and feature
 *       matching against the updated critics) is back-propagated and Adam updates the generator.
 * </ol>
 * The critics' gradients from step 3 are discarded. Both optimizers' states are saved, and the
 * batch of a step depends only on (seed, step), so a resumed run continues exactly.
 */
public final class VocoderTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(VocoderTrainer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RUN_CONFIG = "vocoder-run.json";

    private final Path corpus;
    private final Path runFolder;
    private final VocoderConfig config;
    private final DiscriminatorConfig criticConfig;
    private final VocoderTrainSettings settings;
    private final StopSignal stop;

    /** The outcome of a run. */
    public record Result(long step, boolean interrupted, Path lastCheckpoint) {}

    private VocoderTrainer(Path corpus, Path runFolder, VocoderConfig config, DiscriminatorConfig criticConfig,
            VocoderTrainSettings settings, StopSignal stop) {
        this.corpus = corpus;
        this.runFolder = runFolder;
        this.config = config;
        this.criticConfig = criticConfig;
        this.settings = settings;
        this.stop = stop;
    }

    /**
     * A new run, or the continuation of the one in {@code runFolder} (its saved config wins).
     *
     * @param tiny test-sized networks instead of the CPU defaults
     */
    public static VocoderTrainer create(Path corpus, Path runFolder, VocoderTrainSettings settings, boolean resume,
            boolean tiny, StopSignal stop) throws IOException {
        Path saved = runFolder.resolve(RUN_CONFIG);
        if (resume) {
            if (!Files.isRegularFile(saved)) {
                throw new InvalidInputException("--resume: " + runFolder + " has no " + RUN_CONFIG
                        + "; is it a vocoder run folder?");
            }
            JsonNode root = JSON.readTree(saved.toFile());
            VocoderConfig c = VocoderConfig.fromJson(root.get("vocoder"), saved.toString());
            VocoderTrainSettings s = VocoderTrainSettings.fromJson(root.get("train"), saved.toString());
            if (settings.maxSteps() != VocoderTrainSettings.DEFAULT.maxSteps()) {
                s = s.withMaxSteps(settings.maxSteps());
            }
            DiscriminatorConfig d = root.path("tiny").asBoolean() ? DiscriminatorConfig.tiny() : DiscriminatorConfig.cpu();
            return new VocoderTrainer(corpus, runFolder, c, d, s, stop);
        }
        if (Files.exists(runFolder.resolve("checkpoints"))) {
            throw new InvalidInputException(runFolder + " already holds a vocoder run; pass --resume to continue it,"
                    + " or choose another output folder");
        }
        try (FeatureCache cache = FeatureCache.open(Training.cacheDir(corpus))) {
            VocoderConfig c = tiny ? VocoderConfig.tiny(cache.audioConfig()) : VocoderConfig.cpu(cache.audioConfig());
            Files.createDirectories(runFolder);
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("vocoder", c.toJsonMap());
            root.put("train", settings.toJsonMap());
            root.put("tiny", tiny);
            JSON.writerWithDefaultPrettyPrinter().writeValue(saved.toFile(), root);
            return new VocoderTrainer(corpus, runFolder, c, tiny ? DiscriminatorConfig.tiny() : DiscriminatorConfig.cpu(),
                    settings, stop);
        }
    }

    public Result run(boolean resume) throws IOException {
        CheckpointManager checkpoints = new CheckpointManager(runFolder, settings.keepLast());
        try (FeatureCache cache = FeatureCache.open(Training.cacheDir(corpus));
                NDManager base = NDManager.newBaseManager();
                VocosGenerator generator = new VocosGenerator(config, base, settings.seed());
                Discriminators critics = new Discriminators(criticConfig, base, settings.seed() + 1);
                VocoderLosses losses = new VocoderLosses(config.audio(), base);
                AdamOptimizer adamG = new AdamOptimizer(settings.beta1(), settings.beta2(), 1e-8, 0, base);
                AdamOptimizer adamD = new AdamOptimizer(settings.beta1(), settings.beta2(), 1e-8, 0, base);
                BufferedWriter metrics = Files.newBufferedWriter(runFolder.resolve("metrics.jsonl"),
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            if (!config.audio().equals(cache.audioConfig())) {
                throw new InvalidInputException(corpus + " was prepared with mels of "
                        + NeuralVocoder.describe(cache.audioConfig()) + " but the run trains a vocoder for "
                        + NeuralVocoder.describe(config.audio()));
            }
            AudioSegments data = new AudioSegments(corpus, cache, settings.validationSize(), settings.seed());
            generator.parameters().setRequiresGradient(true);
            critics.parameters().setRequiresGradient(true);
            long step = 0;
            double earlierSeconds = 0;
            if (resume) {
                Path latest = checkpoints.latest().orElseThrow(() -> new InvalidInputException(
                        "--resume: " + runFolder + " holds no checkpoint yet"));
                JsonNode state = JSON.readTree(latest.resolve("state.json").toFile());
                step = state.path("step").asLong();
                earlierSeconds = state.path("training_seconds").asDouble();
                NeuralVocoder.copyWeights(Files.readAllBytes(latest.resolve(NeuralVocoder.WEIGHTS)), generator, base,
                        latest.resolve(NeuralVocoder.WEIGHTS));
                copyCritics(latest.resolve(CRITIC_WEIGHTS), critics, base);
                generator.parameters().setRequiresGradient(true);
                critics.parameters().setRequiresGradient(true);
                adamG.load(latest.resolve("optimizer-generator.npz"));
                adamD.load(latest.resolve("optimizer-critics.npz"));
                LOG.info("resumed from {} at step {}", latest, step);
            } else {
                LOG.info("vocoder: {} generator parameters, {} in the critics; {} training windows from {} utterances,"
                        + " {} held out", generator.parameters().count(), critics.parameters().count(),
                        settings.batchSize(), data.trainIds().size(), data.validationIds().size());
            }
            long start = System.nanoTime();
            long intervalStart = System.nanoTime();
            Map<String, Double> sums = new LinkedHashMap<>();
            int inInterval = 0;
            long lastSaved = step;
            while (step < settings.maxSteps() && !stop.isRequested()) {
                long next = step + 1;
                Map<String, Double> values = trainStep(base, generator, critics, losses, adamG, adamD,
                        data.batch(settings.seed(), next, settings.batchSize(), settings.segmentFrames()), next);
                step = next;
                values.forEach((k, v) -> sums.merge(k, v, Double::sum));
                inInterval++;
                if (step % settings.logEvery() == 0) {
                    double seconds = (System.nanoTime() - intervalStart) / 1e9;
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("step", step);
                    for (Map.Entry<String, Double> e : sums.entrySet()) {
                        line.put(e.getKey(), e.getValue() / inInterval);
                    }
                    line.put("steps_per_s", inInterval / seconds);
                    line.put("audio_s_per_s", inInterval * settings.batchSize() * settings.segmentFrames()
                            * config.audio().frameSeconds() / seconds);
                    writeLine(metrics, line);
                    LOG.info("step {}: {}", step, line);
                    sums.clear();
                    inInterval = 0;
                    intervalStart = System.nanoTime();
                }
                if (step % settings.validateEvery() == 0) {
                    writeLine(metrics, validate(generator, data, step));
                }
                if (step % settings.checkpointEvery() == 0) {
                    save(checkpoints, step, generator, critics, adamG, adamD,
                            earlierSeconds + (System.nanoTime() - start) / 1e9);
                    lastSaved = step;
                }
            }
            if (lastSaved != step) {
                save(checkpoints, step, generator, critics, adamG, adamD, earlierSeconds + (System.nanoTime() - start) / 1e9);
            }
            boolean interrupted = step < settings.maxSteps();
            if (interrupted) {
                LOG.warn("stopped at step {} with a checkpoint; continue with --resume", step);
            }
            return new Result(step, interrupted, checkpoints.folder(step));
        } finally {
            stop.close();
        }
    }

    static final String CRITIC_WEIGHTS = "critics.safetensors";

    private static void copyCritics(Path file, Discriminators critics, NDManager base) throws IOException {
        try (NDManager tmp = base.newSubManager()) {
            critics.parameters().copyFrom(NamedArrays.decode(tmp, Files.readAllBytes(file)), file.toString());
        }
    }

    private Map<String, Double> trainStep(NDManager base, VocosGenerator generator, Discriminators critics,
            VocoderLosses losses, AdamOptimizer adamG, AdamOptimizer adamD, AudioSegments.Batch batch, long step) {
        boolean adversarial = step > settings.adversarialFrom();
        Map<String, Double> values = new LinkedHashMap<>();
        try (NDManager sm = base.newSubManager()) {
            Engine.getInstance().setRandomSeed((int) (settings.seed() * 31 + step));
            NDArray mel = sm.create(flatten(batch.mels()), new Shape(batch.mels().length, batch.mels()[0].length,
                    batch.mels()[0][0].length));
            NDArray real = sm.create(flatten(batch.audio()), new Shape(batch.audio().length, batch.audio()[0].length));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray generated = generator.forward(mel);
                if (adversarial) {
                    NDArray criticLoss = VocoderLosses.discriminator(critics.judge(real),
                            critics.judge(generated.stopGradient()));
                    gc.backward(criticLoss);
                    adamD.step(critics.arrays(), gradients(critics.arrays(), sm), settings.learningRate());
                    values.put("critic", (double) criticLoss.getFloat());
                }
                NDArray melLoss = losses.melL1(generated, real);
                NDArray stftLoss = losses.multiResolutionStft(generated, real);
                // Weights as libtorch scalars: a plain number would be freed before the backward pass (Scalars).
                NDArray total = Scalars.mul(melLoss, settings.melWeight()).add(Scalars.mul(stftLoss, settings.stftWeight()));
                if (adversarial) {
                    List<Discriminators.Verdict> onGenerated = critics.judge(generated);
                    List<Discriminators.Verdict> onReal = critics.judge(real);
                    NDArray adv = VocoderLosses.generatorAdversarial(onGenerated);
                    NDArray fm = VocoderLosses.featureMatching(onReal, onGenerated);
                    total = total.add(adv).add(Scalars.mul(fm, settings.featureWeight()));
                    values.put("adversarial", (double) adv.getFloat());
                    values.put("feature_matching", (double) fm.getFloat());
                }
                gc.backward(total);
                values.put("mel_l1", (double) melLoss.getFloat());
                values.put("stft", (double) stftLoss.getFloat());
                values.put("loss", (double) total.getFloat());
            }
            if (Double.isFinite(values.get("loss"))) {
                adamG.step(generator.arrays(), gradients(generator.arrays(), sm), settings.learningRate());
            } else {
                LOG.warn("step {}: the loss is not finite ({}); update skipped", step, values.get("loss"));
                AdamOptimizer.zeroGradients(generator.arrays().values());
            }
            AdamOptimizer.zeroGradients(critics.arrays().values()); // the generator's loss reached them too
        }
        return values;
    }

    private static Map<String, NDArray> gradients(Map<String, NDArray> params, NDManager sm) {
        Map<String, NDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray g = e.getValue().getGradient();
            g.attach(sm);
            grads.put(e.getKey(), g);
        }
        return grads;
    }

    /** Whole held-out utterances through the generator: mel L1 against their cached mels, and their audio. */
    private Map<String, Object> validate(VocosGenerator generator, AudioSegments data, long step) throws IOException {
        MelSpectrogram melSpectrogram = new MelSpectrogram(config.audio());
        Path folder = runFolder.resolve("validation").resolve(String.format("step-%08d", step));
        Files.createDirectories(folder);
        double total = 0;
        int count = 0;
        NeuralVocoder vocoder = NeuralVocoder.wrap(generator);
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (String id : data.validationIds()) {
                float[][] mel = data.mel(id);
                float[] audio = vocoder.synthesize(mel);
                float[][] again = melSpectrogram.compute(audio);
                int frames = Math.min(again.length, mel.length);
                double sum = 0;
                for (int t = 0; t < frames; t++) {
                    for (int b = 0; b < mel[t].length; b++) {
                        sum += Math.abs(again[t][b] - mel[t][b]);
                    }
                }
                total += sum / ((double) frames * mel[0].length);
                count++;
                if (count <= 2) {
                    WavIO.write(folder.resolve(id + ".wav"), audio, config.audio().sampleRate());
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "validation");
        line.put("step", step);
        line.put("val_mel_l1", total / count);
        LOG.info("step {}: validation mel L1 {} on {} held-out utterances", step, total / count, count);
        return line;
    }

    private void save(CheckpointManager checkpoints, long step, VocosGenerator generator, Discriminators critics,
            AdamOptimizer adamG, AdamOptimizer adamD, double seconds) throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("step", step);
        facts.put("training_seconds", Math.round(seconds));
        facts.put("corpus", corpus.toAbsolutePath().toString());
        checkpoints.save(step, folder -> {
            NeuralVocoder.save(folder, generator, facts, false);
            Files.write(folder.resolve(CRITIC_WEIGHTS), NeuralVocoder.encodeWeights(critics.arrays(), false));
            adamG.save(folder.resolve("optimizer-generator.npz"));
            adamD.save(folder.resolve("optimizer-critics.npz"));
            JSON.writeValue(folder.resolve("state.json").toFile(), facts);
        });
    }

    private static void writeLine(BufferedWriter out, Map<String, Object> record) throws IOException {
        out.write(JSON.writeValueAsString(record));
        out.newLine();
        out.flush();
    }

    private static float[] flatten(float[][][] a) {
        int inner = a[0].length * a[0][0].length;
        float[] out = new float[a.length * inner];
        for (int b = 0; b < a.length; b++) {
            for (int t = 0; t < a[b].length; t++) {
                System.arraycopy(a[b][t], 0, out, b * inner + t * a[b][t].length, a[b][t].length);
            }
        }
        return out;
    }

    private static float[] flatten(float[][] a) {
        float[] out = new float[a.length * a[0].length];
        for (int b = 0; b < a.length; b++) {
            System.arraycopy(a[b], 0, out, b * a[0].length, a[b].length);
        }
        return out;
    }
}
