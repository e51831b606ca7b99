package io.mytts.vocoder;

import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.data.FeatureCache;
import io.mytts.data.FeatureCacheWriter;
import io.mytts.monitor.Progress;
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
 *
 * <pre>{@code
 * VocoderTraining.builder().setCorpus(corpus).setRunFolder(run).optSettings(settings)
 *         .optInitFrom(trained).optMels(predicted).build().run();
 * }</pre>
 */
public final class VocoderTraining {

    private static final Logger LOG = LoggerFactory.getLogger(VocoderTraining.class);
    /** Validation utterances whose audio is kept. */
    static final int VALIDATION_SAMPLES = 2;

    private final Path corpus;
    private final Path runFolder;
    private final VocoderTrainSettings settings;
    private final boolean tiny;
    private final boolean resume;
    private final long maxSteps;
    private final boolean terminal;
    private final Path initFrom;
    private final Path mels;

    private VocoderTraining(Builder b) {
        corpus = b.corpus;
        runFolder = b.runFolder;
        settings = b.settings;
        tiny = b.tiny;
        resume = b.resume;
        maxSteps = b.maxSteps;
        terminal = b.terminal;
        initFrom = b.initFrom;
        mels = b.mels;
    }

    /** A builder; required: the corpus and the run folder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains until the run's {@code max_steps} (or {@link Builder#optMaxSteps}) or an interrupt; always
     * ends with a checkpoint.
     */
    public Trainer.Result run() throws IOException {
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
                return train(cache, melCache == null ? cache : melCache, run, converted);
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

    /** Trains {@code run} on the corpus's audio and {@code inputMels} (the corpus's cache, or the run's mels). */
    private Trainer.Result train(FeatureCache cache, FeatureCache inputMels, VocoderRun run, Path resumeFrom)
            throws IOException {
        VocoderTrainSettings s = run.train();
        AudioSegments data = new AudioSegments(corpus, cache, inputMels, s.validationSize(), s.seed(), s.batchSize(),
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
                        inputMels.manifest().path(FeatureCacheWriter.MELS_KEY), corpus);
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("corpus", corpus.toAbsolutePath().toString());
            if (run.mels() != null) {
                facts.put("mels", run.mels().toString());
            }
            VocoderTrainee trainee = new VocoderTrainee(generator, critics, losses, s, facts);
            if (initFrom != null) {
                warmStart(initFrom, trainee, generator.parameters().count());
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
    private void warmStart(Path from, VocoderTrainee trainee, long generatorParameters) throws IOException {
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

    /**
     * What a vocoder training is given. Required: {@link #setCorpus} and {@link #setRunFolder}; the
     * rest is optional. {@link #build} refuses {@code --init-from} with {@code --resume}, and a new
     * run in a folder that holds one already, before anything is written.
     */
    public static final class Builder {
        private Path corpus;
        private Path runFolder;
        private VocoderTrainSettings settings = VocoderTrainSettings.DEFAULT;
        private boolean tiny;
        private boolean resume;
        private long maxSteps;
        private boolean terminal = Progress.isTerminal();
        private Path initFrom;
        private Path mels;

        private Builder() {}

        /** The prepared corpus: its recordings are the audio targets, its feature cache the input mels. */
        public Builder setCorpus(Path v) { corpus = v; return this; }
        /** The run folder: a new one, or with {@link #optResume} the run to continue. */
        public Builder setRunFolder(Path v) { runFolder = v; return this; }
        /**
         * A new run's settings (default {@link VocoderTrainSettings#DEFAULT}); a resumed run continues
         * with those it was started with.
         */
        public Builder optSettings(VocoderTrainSettings v) {
            settings = Objects.requireNonNull(v, "settings");
            return this;
        }
        /** A new run's size: test-sized networks instead of the CPU defaults. */
        public Builder optTiny(boolean v) { tiny = v; return this; }
        /** Continue the run in the run folder from its newest intact checkpoint. */
        public Builder optResume(boolean v) { resume = v; return this; }
        /** Stop at this step instead of the run's {@code max_steps} (0: the run's). */
        public Builder optMaxSteps(long v) { maxSteps = v; return this; }
        /** A console bar (true) or log lines (false); defaults to whether there is a terminal. */
        public Builder optTerminal(boolean v) { terminal = v; return this; }

        /**
         * A new run that starts from a trained vocoder: a vocoder folder or a training checkpoint
         * (null: from scratch). The generator's architecture and weights are the source's; the
         * critics' weights too when the source is a training checkpoint that has them, else they start
         * fresh. Step, Adam states and data position start anew; what was copied goes to the log and
         * to {@value Training#WARM_START_FILE}.
         */
        public Builder optInitFrom(Path v) { initFrom = v; return this; }

        /**
         * A feature cache of the corpus's utterances with other mels, such as {@link PredictedMels}
         * writes, to read the input mels from while the audio targets stay the corpus's recordings
         * (null: the corpus's own). The run's {@code config.json} records it; a resumed run keeps the
         * mels it was started with ({@code mels} may repeat them, not change them).
         */
        public Builder optMels(Path v) { mels = v; return this; }

        public VocoderTraining build() {
            Objects.requireNonNull(corpus, "setCorpus");
            Objects.requireNonNull(runFolder, "setRunFolder");
            if (maxSteps < 0) {
                throw new InvalidInputException("max steps must be positive, not " + maxSteps);
            }
            WarmStart.checkNewRun(initFrom, resume, runFolder);
            return new VocoderTraining(this);
        }
    }
}
