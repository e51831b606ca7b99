package io.mytts.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.config.ConfigFiles;
import io.mytts.config.TTSConfig;
import io.mytts.config.TrainConfig;
import io.mytts.monitor.RunFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: fetch a batch, run the model's step (its updates apply the optimizers), tell
 * the listeners. Each step runs in its own NDManager, so no native memory outlives it. What a run
 * does besides (the metrics log, progress, checkpoints and the best one, validation, rollback on
 * non-finite losses, memory trimming, gradient analysis) is a {@link TrainingListener}; the loop
 * keeps only what a checkpoint must carry: the step, the optimizers, the learning-rate scale and
 * the data position.
 *
 * <p>Determinism: every step reseeds the engine from (seed, step), the optimizer and clipping
 * state are saved, and the data source reports its position, so a run stopped and resumed takes
 * the same steps as one that was not.
 *
 * @param <B> the batch type of the model and its data
 */
public final class Trainer<B> {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** The run folder's list of held-out utterance ids ({@link BatchSource#validationIds}). */
    public static final String VALIDATION_IDS_FILE = "validation-ids.txt";

    private final TrainableModel<B> model;
    private final BatchSource<B> data;
    private final ConfigWriter configWriter;
    private final TrainConfig train;
    private final Path runFolder;
    private final boolean resume;
    /** A checkpoint folder outside the run's to resume from; see {@link Builder#optResumeFrom}. */
    private Path resumeFrom;
    private final long maxSteps;
    private final StopSignal stopSignal;
    private final List<TrainingListener> listeners;
    private final LearningRateSchedule schedule;
    private final CheckpointManager checkpoints;

    private final long runStartNanos = System.nanoTime();
    private final Map<String, ParameterUpdater> updaters = new LinkedHashMap<>();
    private RunFolder run;
    private MetricsLog metrics;
    private long step;
    private long lastSavedStep = -1;
    private double lrScale = 1.0;
    private int rollbacks;
    private long frames;
    /** Training seconds of the sessions before this one (from the checkpoint resumed). */
    private double earlierSeconds;
    /** Set when a listener restores a checkpoint: the step it was told about is gone. */
    private boolean restoredInStep;

    private Trainer(Builder<B> b) {
        this.model = b.model;
        this.data = b.data;
        this.configWriter = b.configWriter;
        this.train = b.train;
        this.runFolder = b.runFolder;
        this.resume = b.resume || b.resumeFrom != null;
        this.resumeFrom = b.resumeFrom;
        this.maxSteps = b.maxSteps > 0 ? b.maxSteps : train.maxSteps();
        this.stopSignal = b.stopSignal != null ? b.stopSignal : StopSignal.installed();
        this.schedule = LearningRateSchedule.of(train);
        this.checkpoints = new CheckpointManager(runFolder, train.keepLast());
        List<TrainingListener> all = new ArrayList<>(b.listeners);
        // The run's own listeners. Rollback comes before checkpoints, so that a step that rolls
        // back is not saved; checkpoints before validation, which saves the step it validates.
        all.add(new RollbackListener(train.maxNonFiniteSteps(), train.rollbackLrFactor()));
        all.add(new MetricsLogListener());
        all.add(new ProgressListener(b.terminal));
        all.add(new CheckpointListener(train.checkpointEvery()));
        if (b.validation != null) {
            all.add(b.validation);
        }
        all.add(new GradientAnalysisListener(train.maxGradNorm()));
        all.add(new MemoryTrimListener());
        this.listeners = List.copyOf(all);
    }

    /** A builder; its type follows the model given to {@link Builder#setModel}. */
    public static Builder<Object> builder() {
        return new Builder<>();
    }

    /**
     * Writes the resolved config of a run into a file: {@code config.json} of the run folder and of
     * each checkpoint. A TTS config is written by {@link ConfigFiles}; a model with a config of its own
     * (the vocoder) writes that.
     */
    @FunctionalInterface
    public interface ConfigWriter {
        void write(Path file) throws IOException;
    }

    /** The outcome of {@link #run}. */
    public record Result(long step, boolean interrupted, Path lastCheckpoint) {}

    /** Trains until {@code maxSteps} or an interrupt; always ends with a checkpoint. */
    public Result run() throws IOException {
        run = RunFolder.create(runFolder);
        try (NDManager base = NDManager.newBaseManager();
                MetricsLog log = new MetricsLog(runFolder.resolve("metrics.jsonl"));
                StopSignal stop = stopSignal) {
            metrics = log;
            boolean first = true;
            for (ParameterGroup g : model.parameterGroups()) {
                updaters.put(g.name(), new ParameterUpdater(g, first, train, base));
                first = false;
            }
            try {
                start();
                writeValidationIds();
                for (TrainingListener l : listeners) {
                    l.onTrainingBegin(this);
                }
                while (step < maxSteps && !stop.isRequested()) {
                    StepMetrics m = trainStep(base, data.next(), step + 1);
                    step = m.step();
                    if (!m.skipped()) {
                        frames += m.frames();
                    }
                    restoredInStep = false;
                    for (TrainingListener l : listeners) {
                        l.onStep(this, m);
                        if (restoredInStep) {
                            break;
                        }
                    }
                }
                for (TrainingListener l : listeners) {
                    l.onTrainingEnd(this);
                }
                if (lastSavedStep != step) {
                    saveCheckpoint();
                }
            } finally {
                updaters.values().forEach(ParameterUpdater::close);
                updaters.clear();
            }
            boolean interrupted = step < maxSteps;
            if (interrupted) {
                LOG.warn("stopped at step {} with a checkpoint; continue with --resume", step);
            }
            return new Result(step, interrupted, checkpoints.folder(step));
        }
    }

    /** Fresh start (writes config and a step-0 checkpoint to roll back to) or resume. */
    private void start() throws IOException {
        if (resumeFrom != null) {
            restore(resumeFrom, true);
            LOG.info("resumed from {} at step {}", resumeFrom, step);
            return;
        }
        if (resume) {
            CheckpointManager.Intact latest = checkpoints.latestIntact().orElseThrow(() -> new InvalidInputException(
                    "--resume: " + runFolder + " holds no checkpoint; start without --resume"));
            for (String skipped : latest.skipped()) {
                LOG.warn("--resume: skipping checkpoint {}", skipped);
            }
            if (!latest.skipped().isEmpty()) {
                LOG.warn("--resume: continuing from {}, the newest intact checkpoint", latest.folder().getFileName());
            }
            restore(latest.folder(), true);
            LOG.info("resumed from {} at step {}", latest.folder(), step);
            return;
        }
        checkUnused(runFolder);
        configWriter.write(runFolder.resolve("config.json"));
        step = 0;
        saveCheckpoint();
    }

    /**
     * Keeps the ids the run holds out, one a line, so that an evaluation can use exactly the
     * utterances it never trained on ({@code --ids RUN/validation-ids.txt}); rewritten on resume
     * (the split is seeded, so the same), which also gives it to runs begun before it existed.
     */
    private void writeValidationIds() throws IOException {
        List<String> ids = data.validationIds();
        if (ids.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("# the " + ids.size() + " utterances this run holds out for validation and never trains on");
        lines.addAll(ids);
        Files.write(runFolder.resolve(VALIDATION_IDS_FILE), lines, StandardCharsets.UTF_8);
    }

    /**
     * Refuses a new run in a folder that already holds a run's checkpoints, which it would mix with
     * its own. The trainings call it before they write anything ({@link WarmStart#checkNewRun}), the
     * loop again before its first checkpoint.
     */
    public static void checkUnused(Path runFolder) {
        if (new CheckpointManager(runFolder, 1).latest().isPresent()) {
            throw new InvalidInputException(runFolder + " already holds a run's checkpoints; pass --resume to"
                    + " continue it, or choose a new --out folder");
        }
    }

    /**
     * Puts the model, the optimizers and the loop's state back as a checkpoint has them.
     *
     * @param withData a resume also continues the data where the checkpoint left them and takes its
     *     training time; a rollback keeps the data moving forward
     */
    private void restore(Path folder, boolean withData) throws IOException {
        model.load(folder);
        for (ParameterGroup g : model.parameterGroups()) {
            updaters.get(g.name()).refresh(g);
        }
        for (ParameterUpdater u : updaters.values()) {
            u.load(folder);
        }
        TrainingState s = TrainingState.read(folder);
        step = s.step();
        lastSavedStep = step;
        lrScale = s.lrScale();
        rollbacks = s.rollbacks();
        frames = s.frames();
        primary().restoreClipHistory(s.clipHistory().stream().mapToDouble(Double::doubleValue).toArray());
        if (withData) {
            earlierSeconds = s.trainingSeconds();
            data.seek(s.dataPosition());
        }
        restoredInStep = true;
    }

    /**
     * Back to the newest intact checkpoint with the learning rate scaled by {@code lrFactor}; the
     * data keep their position, so the batches that blew up are not replayed.
     *
     * @return the step rolled back to
     */
    long rollBack(double lrFactor) throws IOException {
        // Until this session writes a checkpoint, the one it resumed from outside the run is the newest.
        Path latest = resumeFrom != null ? resumeFrom : checkpoints.latestIntact().orElseThrow(() ->
                new IllegalStateException("no intact checkpoint to roll back to in " + checkpoints.root())).folder();
        double scale = lrScale;
        int count = rollbacks + 1;
        restore(latest, false);
        lrScale = scale * lrFactor;
        rollbacks = count;
        return step;
    }

    /** Writes the checkpoint of the current step: the model's files (with their provenance), optimizers, state. */
    Path saveCheckpoint() throws IOException {
        TrainingState state = new TrainingState(step, train.seed(), lrScale, rollbacks,
                data.position(), Arrays.stream(primary().clipHistory()).boxed().toList(), frames,
                trainingSeconds());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("step", step);
        facts.put("frames", frames);
        facts.put("training_seconds", Math.round(state.trainingSeconds()));
        Path folder = checkpoints.save(step, f -> {
            model.save(f, facts);
            for (ParameterUpdater u : updaters.values()) {
                u.save(f);
            }
            state.write(f);
            configWriter.write(f.resolve("config.json"));
        });
        lastSavedStep = step;
        resumeFrom = null;
        for (TrainingListener l : listeners) {
            l.onCheckpoint(this, step, folder);
        }
        return folder;
    }

    /** Tells every listener about a validation pass. */
    void fireValidation(ValidationResult report) throws IOException {
        for (TrainingListener l : listeners) {
            l.onValidation(this, report);
        }
    }

    private ParameterUpdater primary() {
        return updaters.values().iterator().next();
    }

    /** Seed of the engine's random draws (dropout) at a step: a mix of run seed and step. */
    static int stepSeed(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((z ^ (z >>> 31)) & 0x7fffffff);
    }

    private StepMetrics trainStep(NDManager base, B batch, long next) {
        boolean logging = next % train.logEvery() == 0 || next == maxSteps;
        try (NDManager sm = base.newSubManager()) {
            Engine.getInstance().setRandomSeed(stepSeed(train.seed(), next));
            for (ParameterGroup g : model.parameterGroups()) {
                updaters.get(g.name()).refresh(g);
            }
            TrainingStep s = new TrainingStep(next, logging, sm, updaters, lrScale * schedule.at(next));
            model.trainStep(s, batch);
            if (s.updates().isEmpty()) {
                throw new IllegalStateException("the model's step " + next + " made no update");
            }
            // Updates in the order of the groups (the first is the one logged without a prefix).
            Map<String, UpdateMetrics> updates = new LinkedHashMap<>();
            for (String group : updaters.keySet()) {
                UpdateMetrics u = s.updates().get(group);
                if (u != null) {
                    updates.put(group, u);
                }
            }
            return new StepMetrics(next, s.losses(), s.measures(), updates, s.lr(), model.frames(batch), logging);
        }
    }

    // What listeners read and use.

    /** The last step taken (0 before the first). */
    public long step() {
        return step;
    }

    public long maxSteps() {
        return maxSteps;
    }

    public TrainConfig trainConfig() {
        return train;
    }

    public TrainableModel<B> model() {
        return model;
    }

    public BatchSource<B> data() {
        return data;
    }

    /** The run folder's layout (where plots and samples go). */
    public RunFolder runFolder() {
        return run;
    }

    public CheckpointManager checkpoints() {
        return checkpoints;
    }

    /** The step of the last checkpoint written or restored. */
    long lastSavedStep() {
        return lastSavedStep;
    }

    double lrScale() {
        return lrScale;
    }

    int rollbacks() {
        return rollbacks;
    }

    /** Seconds since this session started. */
    double sessionSeconds() {
        return (System.nanoTime() - runStartNanos) / 1e9;
    }

    private double trainingSeconds() {
        return earlierSeconds + sessionSeconds();
    }

    List<TrainingListener> listeners() {
        return listeners;
    }

    /** Appends a line to {@code metrics.jsonl}. */
    void log(Map<String, Object> line) throws IOException {
        metrics.write(line);
    }

    /** An event line: {@code {"step": N, "event": NAME, ...}}. */
    void logEvent(String name, Map<String, Object> fields) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("event", name);
        m.putAll(fields);
        log(m);
    }

    /**
     * Required: model, data, config, run folder. Its type parameter follows {@link #setModel}, so
     * set the model first.
     */
    public static final class Builder<B> {
        private TrainableModel<B> model;
        private BatchSource<B> data;
        private TrainConfig train;
        private ConfigWriter configWriter;
        private Path runFolder;
        private boolean resume;
        private Path resumeFrom;
        private long maxSteps;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private ValidationListener validation;
        private StopSignal stopSignal;
        private boolean terminal = io.mytts.monitor.Progress.isTerminal();

        private Builder() {}

        @SuppressWarnings("unchecked")
        public <T> Builder<T> setModel(TrainableModel<T> v) {
            Builder<T> b = (Builder<T>) (Builder<?>) this;
            b.model = v;
            return b;
        }

        public Builder<B> setData(BatchSource<B> v) { data = v; return this; }
        /** A text-to-speech run's config: the loop's settings are its {@code train} section. */
        public Builder<B> setConfig(TTSConfig v) {
            return setConfig(v.train(), file -> ConfigFiles.write(v, file));
        }

        /**
         * A model with a config of its own (the vocoder): the loop's settings, and how to write the
         * whole config into {@code config.json}.
         */
        public Builder<B> setConfig(TrainConfig loop, ConfigWriter writer) {
            train = Objects.requireNonNull(loop, "loop");
            configWriter = Objects.requireNonNull(writer, "writer");
            return this;
        }

        public Builder<B> setRunFolder(Path v) { runFolder = v; return this; }
        /** Continue from the run folder's newest intact checkpoint. */
        public Builder<B> optResume(boolean v) { resume = v; return this; }
        /**
         * Resume from this checkpoint folder instead of the run folder's newest: one the model's own
         * code has converted from an older layout (the vocoder's first runs). It is read, never written;
         * the run's next checkpoints go into the run folder as usual.
         */
        public Builder<B> optResumeFrom(Path v) { resumeFrom = v; return this; }
        /** Stop at this step instead of the config's {@code max_steps}. */
        public Builder<B> optMaxSteps(long v) { maxSteps = v; return this; }

        /** Called after every step (tests, embedding applications), before the run's own listeners. */
        public Builder<B> optListener(Consumer<StepMetrics> v) {
            return optAddListener(new TrainingListener() {
                @Override
                public void onStep(Trainer<?> trainer, StepMetrics step) {
                    v.accept(step);
                }
            });
        }

        /** A listener of your own, called before the run's own listeners. */
        public Builder<B> optAddListener(TrainingListener v) {
            listeners.add(Objects.requireNonNull(v));
            return this;
        }

        /** Validation every {@code validate_every} steps; none without it. */
        public Builder<B> optValidation(ValidationListener v) { validation = v; return this; }
        /** Show a console bar (true) or log lines (false); defaults to whether there is a terminal. */
        public Builder<B> optTerminal(boolean v) { terminal = v; return this; }
        Builder<B> optStopSignal(StopSignal v) { stopSignal = v; return this; }

        public Trainer<B> build() {
            Objects.requireNonNull(model, "setModel");
            Objects.requireNonNull(data, "setData");
            Objects.requireNonNull(train, "setConfig");
            Objects.requireNonNull(runFolder, "setRunFolder");
            if (maxSteps < 0) {
                throw new InvalidInputException("max steps must be positive, not " + maxSteps);
            }
            return new Trainer<>(this);
        }
    }
}
