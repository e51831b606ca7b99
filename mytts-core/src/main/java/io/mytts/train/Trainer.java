package io.mytts.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.mytts.InvalidInputException;
import io.mytts.config.ConfigFiles;
import io.mytts.config.TTSConfig;
import io.mytts.config.TrainConfig;
import io.mytts.monitor.Alignments;
import io.mytts.monitor.ClipResult;
import io.mytts.monitor.GradientAnalysis;
import io.mytts.monitor.GradientReport;
import io.mytts.monitor.GradientClipping;
import io.mytts.monitor.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop. Each step runs in its own NDManager (so no native memory outlives it)
 * with one GradientCollector; the optimizer, schedule, clipping, guard rails, logs, validation
 * and checkpoints are the loop's collaborators.
 *
 * <p>Determinism: every step reseeds the engine from (seed, step), the optimizer and clipping
 * state are saved, and the data source reports its position, so a run stopped and resumed
 * takes the same steps as one that was not.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** Rollbacks allowed before the run is declared diverged. */
    static final int MAX_ROLLBACKS = 5;

    private final TrainableModel model;
    private final BatchSource data;
    private final TTSConfig config;
    private final TrainConfig train;
    private final Path runFolder;
    private final boolean resume;
    private final long maxSteps;
    private final Consumer<StepMetrics> listener;
    private final Validator validator;
    private final StopSignal stopSignal;
    private final GradientClipping clipper;
    private final boolean terminal;

    private final TtsLoss loss;
    private final LearningRateSchedule schedule;
    private final CheckpointManager checkpoints;
    private final NonFiniteGuard guard;

    private final long runStartNanos = System.nanoTime();
    private GradientReport lastGradients;
    private long step;
    private double lrScale = 1.0;
    private int rollbacks;
    private long frames;
    /** Training seconds of the sessions before this one (from the checkpoint resumed). */
    private double earlierSeconds;

    private Trainer(Builder b) {
        this.model = b.model;
        this.data = b.data;
        this.config = b.config;
        this.train = b.config.train();
        this.runFolder = b.runFolder;
        this.resume = b.resume;
        this.maxSteps = b.maxSteps > 0 ? b.maxSteps : train.maxSteps();
        this.listener = b.listener;
        this.validator = b.validator;
        this.stopSignal = b.stopSignal != null ? b.stopSignal : StopSignal.installed();
        this.clipper = GradientClipping.fromConfig(train);
        this.terminal = b.terminal;
        this.loss = new TtsLoss(config);
        this.schedule = LearningRateSchedule.of(train);
        this.checkpoints = new CheckpointManager(runFolder, train.keepLast());
        this.guard = new NonFiniteGuard(train.maxNonFiniteSteps());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The outcome of {@link #run}. */
    public record Result(long step, boolean interrupted, Path lastCheckpoint) {}

    /** Trains until {@code maxSteps} or an interrupt; always ends with a checkpoint. */
    public Result run() throws IOException {
        RunFolder run = RunFolder.create(runFolder);
        try (NDManager base = NDManager.newBaseManager();
                AdamOptimizer adam = AdamOptimizer.of(train, base);
                MetricsLog metrics = new MetricsLog(runFolder.resolve("metrics.jsonl"));
                StopSignal stop = stopSignal) {
            start(adam);
            Interval interval = new Interval();
            long lastSaved = step;
            try (Progress progress = Progress.create(terminal, step, maxSteps)) {
                while (step < maxSteps && !stop.isRequested()) {
                    TrainBatch batch = data.next();
                    long next = step + 1;
                    StepMetrics m = trainStep(base, adam, batch, next, next % train.logEvery() == 0);
                    step = next;
                    if (!m.skipped()) {
                        frames += m.frames();
                    }
                    interval.add(m);
                    if (listener != null) {
                        listener.accept(m);
                    }
                    if (m.skipped()) {
                        LOG.warn("step {}: loss {} or gradient norm {} is not finite; update skipped"
                                + " ({} in a row)", step, m.loss(), m.gradNorm(), guard.inARow());
                        metrics.write(event("skipped", Map.of("loss", String.valueOf(m.loss()),
                                "grad_norm", String.valueOf(m.gradNorm()))));
                        if (guard.inARow() >= train.maxNonFiniteSteps()) {
                            rollBack(adam, metrics);
                            lastSaved = step;
                            continue;
                        }
                    }
                    boolean logNow = step % train.logEvery() == 0 || step == maxSteps;
                    if (logNow) {
                        metrics.write(interval.record(step, lrScale * schedule.at(step)));
                    }
                    progress.update(step, interval.summary(), logNow);
                    if (logNow) {
                        interval.reset();
                    }
                    boolean saved = false;
                    if (step % train.checkpointEvery() == 0) {
                        save(adam);
                        saved = true;
                    }
                    if (validator != null && step % train.validateEvery() == 0) {
                        Validator.Report report = validator.validate(base, model, data.validation(), loss, step, run);
                        metrics.write(report.toRecord(step));
                        if (!saved) {
                            save(adam);
                            saved = true;
                        }
                        if (checkpoints.offerBest(step, report.loss())) {
                            LOG.info("step {}: best validation loss so far, {}", step, report.loss());
                        }
                    }
                    if (saved) {
                        lastSaved = step;
                    }
                }
            }
            if (lastSaved != step) {
                save(adam);
            }
            boolean interrupted = step < maxSteps;
            if (interrupted) {
                LOG.warn("stopped at step {} with a checkpoint; continue with --resume", step);
            }
            return new Result(step, interrupted, checkpoints.folder(step));
        }
    }

    /** Fresh start (writes config and a step-0 checkpoint to roll back to) or resume. */
    private void start(AdamOptimizer adam) throws IOException {
        if (resume) {
            Path latest = checkpoints.latest().orElseThrow(() -> new InvalidInputException(
                    "--resume: " + runFolder + " holds no checkpoint; start without --resume"));
            restore(latest, adam, true);
            LOG.info("resumed from {} at step {}", latest, step);
            return;
        }
        if (checkpoints.latest().isPresent()) {
            throw new InvalidInputException(runFolder + " already holds a run's checkpoints; pass"
                    + " --resume to continue it, or choose another output folder");
        }
        ConfigFiles.write(config, runFolder.resolve("config.json"));
        step = 0;
        save(adam);
    }

    private void restore(Path folder, AdamOptimizer adam, boolean withData) throws IOException {
        model.load(folder);
        adam.load(folder.resolve("optimizer.npz"));
        TrainingState s = TrainingState.read(folder);
        step = s.step();
        lrScale = s.lrScale();
        rollbacks = s.rollbacks();
        frames = s.frames();
        clipper.restoreHistory(s.clipHistory().stream().mapToDouble(Double::doubleValue).toArray());
        if (withData) { // a resume; a rollback keeps its data position and the time it cost
            earlierSeconds = s.trainingSeconds();
            data.seek(s.dataPosition());
        }
    }

    /**
     * Back to the last checkpoint with a lower learning rate. The data keep their current
     * position, so the batches that blew up are not replayed.
     */
    private void rollBack(AdamOptimizer adam, MetricsLog metrics) throws IOException {
        long from = step;
        Path latest = checkpoints.latest().orElseThrow();
        double scale = lrScale;
        int count = rollbacks + 1;
        restore(latest, adam, false);
        lrScale = scale * train.rollbackLrFactor();
        rollbacks = count;
        guard.reset();
        if (rollbacks > MAX_ROLLBACKS) {
            throw new InvalidInputException("training diverged: " + rollbacks + " rollbacks after "
                    + train.maxNonFiniteSteps() + " non-finite steps in a row each; lower"
                    + " learning_rate or check the data");
        }
        LOG.warn("{} non-finite steps in a row at step {}: rolled back to step {} with the learning"
                + " rate scaled by {} (now x{})", train.maxNonFiniteSteps(), from, step,
                train.rollbackLrFactor(), lrScale);
        metrics.write(event("rollback", Map.of("from_step", from, "to_step", step, "lr_scale", lrScale)));
    }

    private void save(AdamOptimizer adam) throws IOException {
        TrainingState state = new TrainingState(step, train.seed(), lrScale, rollbacks,
                data.position(), java.util.Arrays.stream(clipper.history()).boxed().toList(), frames,
                earlierSeconds + (System.nanoTime() - runStartNanos) / 1e9);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("step", step);
        facts.put("frames", frames);
        facts.put("training_seconds", Math.round(state.trainingSeconds()));
        checkpoints.save(step, folder -> {
            model.save(folder, facts);
            adam.save(folder.resolve("optimizer.npz"));
            state.write(folder);
            ConfigFiles.write(config, folder.resolve("config.json"));
        });
    }

    /** Seed of the engine's random draws (dropout) at a step: a mix of run seed and step. */
    static int stepSeed(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((z ^ (z >>> 31)) & 0x7fffffff);
    }

    private StepMetrics trainStep(NDManager base, AdamOptimizer adam, TrainBatch batch, long next,
            boolean logStep) {
        try (NDManager sm = base.newSubManager()) {
            Engine.getInstance().setRandomSeed(stepSeed(train.seed(), next));
            PaddedBatch padded = PaddedBatch.of(sm, batch, model.reductionFactor());
            Map<String, NDArray> params = model.parameters();
            TtsLoss.Parts parts;
            ForwardOutput out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                out = model.forward(sm, padded.tokens(), padded.tokenLengths(),
                        padded.mels(), padded.melLengths(), true);
                parts = loss.compute(out, padded, next);
                gc.backward(parts.total());
            }
            Map<String, NDArray> grads = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray g = e.getValue().getGradient();
                g.attach(sm);
                grads.put(e.getKey(), g);
            }
            double[] v = parts.values();
            double lr = lrScale * schedule.at(next);
            double norm = Double.NaN;
            double clipped = Double.NaN;
            NonFiniteGuard.Verdict verdict;
            if (logStep && Double.isFinite(v[0])) {
                // On logging steps: per-parameter norms for the log, and warnings if any.
                GradientReport report = GradientAnalysis.analyze(grads, train.maxGradNorm());
                lastGradients = report;
                report.warnings().forEach(w -> LOG.warn("step {}: {}", next, w));
            }
            if (Double.isFinite(v[0])) {
                // Clipping measures the norm, and leaves non-finite gradients (and its history) alone.
                ClipResult clip = clipper.clip(grads);
                norm = clip.normBefore();
                clipped = clip.normAfter();
                verdict = guard.check(v[0], clip.nonFinite() ? Double.NaN : norm);
            } else {
                verdict = guard.check(v[0], norm);
            }
            if (verdict == NonFiniteGuard.Verdict.APPLY) {
                adam.step(params, grads, lr);
            } else {
                AdamOptimizer.zeroGradients(params.values());
            }
            double diagonality = logStep ? trainingDiagonality(out, padded) : Double.NaN;
            return new StepMetrics(next, v[0], v[1], v[2], v[3], v[4], parts.guidedWeight(), norm,
                    clipped, lr, batch.frames(), verdict != NonFiniteGuard.Verdict.APPLY, diagonality);
        }
    }

    /**
     * Diagonality of the first utterance's cross-attention, averaged over layers and heads, in
     * its real (decoder step, token) region.
     */
    static double trainingDiagonality(ForwardOutput out, PaddedBatch batch) {
        if (out.crossAttention().isEmpty()) {
            return Double.NaN;
        }
        float[][] a = Validator.averagedAlignment(out, 0);
        return Alignments.diagonality(a, batch.decoderLengths()[0], batch.tokenLengths()[0]);
    }

    private Map<String, Object> event(String name, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("event", name);
        m.putAll(fields);
        return m;
    }

    /** Averages over one logging interval. */
    private final class Interval {
        private int count;
        private int skipped;
        private double loss, melBefore, melAfter, stop, guided, gradNorm, gradNormMax, clipped;
        private long intervalFrames;
        private long startNanos = System.nanoTime();
        private StepMetrics last;

        void add(StepMetrics m) {
            last = m;
            if (m.skipped()) {
                skipped++;
                return;
            }
            count++;
            loss += m.loss();
            melBefore += m.melBefore();
            melAfter += m.melAfter();
            stop += m.stop();
            guided += m.guidedAttention();
            gradNorm += m.gradNorm();
            gradNormMax = Math.max(gradNormMax, m.gradNorm());
            clipped += m.clippedNorm();
            intervalFrames += m.frames();
        }

        Map<String, Object> record(long atStep, double lr) {
            double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
            int n = Math.max(1, count);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("step", atStep);
            r.put("elapsed_s", (System.nanoTime() - runStartNanos) / 1e9);
            r.put("loss", loss / n);
            r.put("mel_loss", melBefore / n);
            r.put("postnet_loss", melAfter / n);
            r.put("stop_loss", stop / n);
            r.put("guided_attn_loss", guided / n);
            r.put("guided_attn_weight", last == null ? 0 : last.guidedWeight());
            r.put("lr", lr);
            r.put("grad_norm", gradNorm / n);
            r.put("grad_norm_interval_max", gradNormMax);
            if (lastGradients != null && Double.isFinite(lastGradients.min())) {
                // Smallest and largest parameter norm at the logging step.
                r.put("grad_norm_min", lastGradients.min());
                r.put("grad_norm_max", lastGradients.max());
            }
            r.put("grad_norm_clipped", clipped / n);
            r.put("skipped_steps", skipped);
            if (last != null && Double.isFinite(last.diagonality())) {
                r.put("diagonality", last.diagonality());
            }
            r.put("steps_per_s", (count + skipped) / seconds);
            r.put("frames_per_s", intervalFrames / seconds);
            // Resident memory after handing free native pages back, so that it shows what the run
            // holds rather than what glibc kept (docs/train.md, "Memory").
            double beforeTrim = ResidentMemory.megabytes();
            if (ResidentMemory.trimNativeHeap()) {
                r.put("rss_untrimmed_mb", beforeTrim);
            }
            r.put("rss_mb", ResidentMemory.megabytes());
            Runtime rt = Runtime.getRuntime();
            r.put("heap_mb", (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0));
            return r;
        }

        String summary() {
            return count == 0 ? "" : String.format("loss %.4f", loss / count);
        }

        void reset() {
            count = 0;
            skipped = 0;
            loss = melBefore = melAfter = stop = guided = gradNorm = gradNormMax = clipped = 0;
            intervalFrames = 0;
            startNanos = System.nanoTime();
        }
    }

    /** Required: model, data, config, run folder. */
    public static final class Builder {
        private TrainableModel model;
        private BatchSource data;
        private TTSConfig config;
        private Path runFolder;
        private boolean resume;
        private long maxSteps;
        private Consumer<StepMetrics> listener;
        private Validator validator;
        private StopSignal stopSignal;
        private boolean terminal = Progress.isTerminal();

        private Builder() {}

        public Builder setModel(TrainableModel v) { model = v; return this; }
        public Builder setData(BatchSource v) { data = v; return this; }
        public Builder setConfig(TTSConfig v) { config = v; return this; }
        public Builder setRunFolder(Path v) { runFolder = v; return this; }
        /** Continue from the run folder's latest checkpoint. */
        public Builder optResume(boolean v) { resume = v; return this; }
        /** Stop at this step instead of the config's {@code max_steps}. */
        public Builder optMaxSteps(long v) { maxSteps = v; return this; }
        /** Called after every step (tests, embedding applications). */
        public Builder optListener(Consumer<StepMetrics> v) { listener = v; return this; }
        public Builder optValidator(Validator v) { validator = v; return this; }
        /** Show a console bar (true) or log lines (false); defaults to whether there is a terminal. */
        public Builder optTerminal(boolean v) { terminal = v; return this; }
        Builder optStopSignal(StopSignal v) { stopSignal = v; return this; }

        public Trainer build() {
            Objects.requireNonNull(model, "setModel");
            Objects.requireNonNull(data, "setData");
            Objects.requireNonNull(config, "setConfig");
            Objects.requireNonNull(runFolder, "setRunFolder");
            if (maxSteps < 0) {
                throw new InvalidInputException("max steps must be positive, not " + maxSteps);
            }
            return new Trainer(this);
        }
    }
}
