package io.mytts.vocoder;

import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.data.FeatureCache;
import io.mytts.data.FeatureCacheWriter;
import io.mytts.train.CheckpointManager;
import io.mytts.train.StepMetrics;
import io.mytts.train.Trainer;
import io.mytts.train.Training;
import io.mytts.train.TrainingListener;
import io.mytts.train.ValidationListener;
import io.mytts.train.WarmStart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training a vocoder on a prepared corpus, wired together: what {@code mytts vocoder train} runs.
 * The shared loop ({@link Trainer}) trains a {@link VocoderTrainee} on {@link AudioSegments}; the run
 * folder, resume, validation, checkpoints, metrics and report are those of every model.
 */
public final class VocoderTraining {

    private static final Logger LOG = LoggerFactory.getLogger(VocoderTraining.class);
    /** Validation utterances whose audio is kept. */
    static final int VALIDATION_SAMPLES = 2;

    private VocoderTraining() {}

    /**
     * Trains until the run's {@code max_steps} or an interrupt; always ends with a checkpoint.
     *
     * @param settings a new run's settings; a resumed run continues with those it was started with
     * @param tiny a new run's size: test-sized networks instead of the CPU defaults
     * @param maxSteps stop at this step instead (0: the run's {@code max_steps})
     * @param terminal console bar (true) or log lines (false)
     */
    public static Trainer.Result run(Path corpus, Path runFolder, VocoderTrainSettings settings, boolean tiny,
            boolean resume, long maxSteps, boolean terminal) throws IOException {
        return run(corpus, runFolder, settings, tiny, resume, maxSteps, terminal, null, null);
    }

    /**
     * As {@link #run(Path, Path, VocoderTrainSettings, boolean, boolean, long, boolean)}, optionally a
     * new run starting from a trained vocoder, optionally on other input mels.
     *
     * @param initFrom a vocoder folder or a training checkpoint to start from (null: from scratch). The
     *     generator's architecture and weights are the source's; the critics' weights too when the
     *     source is a training checkpoint that has them, else they start fresh. Step, Adam states and
     *     data position start anew; what was copied goes to the log and to
     *     {@value Training#WARM_START_FILE}.
     * @param mels a feature cache of the corpus's utterances with other mels, such as
     *     {@link PredictedMels} writes, to read the input mels from while the audio targets stay the
     *     corpus's recordings (null: the corpus's own). The run's {@code config.json} records it; a
     *     resumed run keeps the mels it was started with ({@code mels} may repeat them, not change them).
     */
    public static Trainer.Result run(Path corpus, Path runFolder, VocoderTrainSettings settings, boolean tiny,
            boolean resume, long maxSteps, boolean terminal, Path initFrom, Path mels) throws IOException {
        WarmStart.checkNewRun(initFrom, resume, runFolder);
        try (FeatureCache cache = FeatureCache.open(Training.cacheDir(corpus))) {
            Path melDir = mels == null ? null : absolute(Training.cacheDir(mels));
            if (melDir != null && melDir.equals(absolute(cache.dir()))) {
                melDir = null; // the corpus's own mels
            }
            VocoderRun run;
            if (resume) {
                run = VocoderRun.read(runFolder);
                if (mels != null && !Objects.equals(melDir, run.mels())) {
                    throw new InvalidInputException("--resume continues with the mels the run in " + runFolder
                            + " was started with (" + (run.mels() == null ? "the corpus's own" : run.mels())
                            + "), not " + mels + "; drop --mels, or start a new run (--init-from a checkpoint of"
                            + " this one) to train on other mels");
                }
            } else if (initFrom != null) {
                try (NeuralVocoder source = NeuralVocoder.load(initFrom)) {
                    run = new VocoderRun(source.config(), settings, tiny, melDir);
                }
            } else {
                run = new VocoderRun(tiny ? VocoderConfig.tiny(cache.audioConfig()) : VocoderConfig.cpu(cache.audioConfig()),
                        settings, tiny, melDir);
            }
            if (maxSteps > 0) {
                run = run.withMaxSteps(maxSteps);
            }
            if (!run.vocoder().audio().equals(cache.audioConfig())) {
                throw new InvalidInputException(corpus + " was prepared with mels of "
                        + NeuralVocoder.describe(cache.audioConfig()) + " but the run trains a vocoder for "
                        + NeuralVocoder.describe(run.vocoder().audio())
                        + (initFrom != null ? " (the audio of --init-from " + initFrom + ")" : ""));
            }
            Path converted = resume ? firstTrainerCheckpoint(runFolder, run) : null;
            try (FeatureCache melCache = run.mels() == null ? null : FeatureCache.open(run.mels())) {
                return train(corpus, cache, melCache == null ? cache : melCache, runFolder, run, resume, converted,
                        terminal, initFrom);
            } finally {
                if (converted != null) {
                    deleteFolder(converted);
                }
            }
        }
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static Trainer.Result train(Path corpus, FeatureCache cache, FeatureCache mels, Path runFolder,
            VocoderRun run, boolean resume, Path resumeFrom, boolean terminal, Path initFrom) throws IOException {
        VocoderTrainSettings s = run.train();
        AudioSegments data = new AudioSegments(corpus, cache, mels, s.validationSize(), s.seed(), s.batchSize(),
                s.segmentFrames());
        try (NDManager base = NDManager.newBaseManager();
                VocosGenerator generator = new VocosGenerator(run.vocoder(), base, s.seed());
                Discriminators critics = new Discriminators(run.critics(), base, s.seed() + 1);
                VocoderLosses losses = new VocoderLosses(run.vocoder().audio(), base)) {
            if (!resume) {
                LOG.info("vocoder: {} generator parameters, {} in the critics; {} windows a batch from {} utterances",
                        generator.parameters().count(), critics.parameters().count(), s.batchSize(),
                        data.trainIds().size());
            }
            if (run.mels() != null) {
                LOG.info("input mels from {} ({}); audio from {}", run.mels(),
                        mels.manifest().path(FeatureCacheWriter.MELS_KEY), corpus);
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("corpus", corpus.toAbsolutePath().toString());
            if (run.mels() != null) {
                facts.put("mels", run.mels().toString());
            }
            VocoderTrainee trainee = new VocoderTrainee(generator, critics, losses, s, facts);
            if (initFrom != null) {
                warmStart(initFrom, trainee, generator.parameters().count(), runFolder);
            }
            return Trainer.builder().setModel(trainee).setData(data).setConfig(run.loop(), run::write)
                    .setRunFolder(runFolder).optResume(resume).optResumeFrom(resumeFrom)
                    .optValidation(new ValidationListener(VALIDATION_SAMPLES, null))
                    .optAddListener(audioSecondsPerSecond(run.vocoder().audio().frameSeconds()))
                    .optTerminal(terminal).build().run();
        }
    }

    /**
     * What a vocoder warm start copied, kept in the run folder.
     *
     * @param critics "copied from FILE", or "fresh (why)"
     */
    public record WarmStartReport(String source, long generatorParameters, String critics) {}

    /**
     * Copies the source's generator weights, and its critics' when it is a training checkpoint
     * (either trainer's layout), into a new run's networks.
     */
    private static void warmStart(Path from, VocoderTrainee trainee, long generatorParameters, Path runFolder)
            throws IOException {
        trainee.loadGenerator(from);
        Path criticWeights = from.resolve(VocoderTrainee.DISCRIMINATOR_WEIGHTS);
        if (!Files.isRegularFile(criticWeights)) {
            criticWeights = from.resolve(FirstTrainerCheckpoint.OLD_CRITICS);
        }
        String criticsFrom = "fresh (" + from + " has no critics' weights: a packed vocoder, not a checkpoint)";
        if (Files.isRegularFile(criticWeights)) {
            trainee.loadCritics(criticWeights);
            criticsFrom = "copied from " + criticWeights.getFileName();
        }
        WarmStartReport report = new WarmStartReport(from.toAbsolutePath().normalize().toString(),
                generatorParameters, criticsFrom);
        LOG.info("warm start from {}: {} generator parameters copied; critics {}", report.source(),
                report.generatorParameters(), report.critics());
        WarmStart.record(report, runFolder);
    }

    /**
     * When the run's newest intact checkpoint was written by the vocoder's first trainer, a copy of
     * it in the loop's layout (in a temporary folder) to resume from; else null.
     */
    private static Path firstTrainerCheckpoint(Path runFolder, VocoderRun run) throws IOException {
        Optional<CheckpointManager.Intact> latest = new CheckpointManager(runFolder, run.train().keepLast()).latestIntact();
        if (latest.isEmpty() || !FirstTrainerCheckpoint.isOne(latest.get().folder())) {
            return null;
        }
        for (String skipped : latest.get().skipped()) {
            LOG.warn("--resume: skipping checkpoint {}", skipped);
        }
        Path tmp = Files.createTempDirectory("mytts-vocoder-resume-");
        try {
            FirstTrainerCheckpoint.convert(latest.get().folder(), tmp, run);
        } catch (IOException | RuntimeException e) {
            deleteFolder(tmp);
            throw e;
        }
        LOG.info("--resume: {} was written by the first vocoder trainer; read in its layout (left as it is),"
                + " new checkpoints are in the shared loop's", latest.get().folder());
        return tmp;
    }

    /** Adds {@code audio_s_per_s}, seconds of audio trained on per second, to each metrics line. */
    private static TrainingListener audioSecondsPerSecond(double frameSeconds) {
        return new TrainingListener() {
            @Override
            public void addToLogLine(StepMetrics step, Map<String, Object> line) {
                if (line.get("frames_per_s") instanceof Number n) {
                    line.put("audio_s_per_s", n.doubleValue() * frameSeconds);
                }
            }
        };
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
