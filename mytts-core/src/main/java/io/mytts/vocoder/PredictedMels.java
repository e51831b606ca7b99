package io.mytts.vocoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.mytts.InvalidInputException;
import io.mytts.config.AudioConfig;
import io.mytts.data.Batch;
import io.mytts.data.BatchStream;
import io.mytts.data.FeatureCache;
import io.mytts.data.FeatureCacheWriter;
import io.mytts.data.ProsodyStore;
import io.mytts.forward.DurationExtraction;
import io.mytts.forward.ForwardBatch;
import io.mytts.forward.ForwardTTS;
import io.mytts.model.Checkpoint;
import io.mytts.model.ModelKind;
import io.mytts.model.TransformerTTS;
import io.mytts.monitor.Progress;
import io.mytts.train.CacheBatchSource;
import io.mytts.train.CheckpointManager;
import io.mytts.train.PaddedBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An acoustic model's teacher-forced mels for every utterance of a prepared corpus, written as a
 * second feature cache ({@link FeatureCacheWriter}: same ids, tokens, frame counts and settings), for
 * fine-tuning a vocoder on the mels it will be given at synthesis. The mel is the model's output
 * after the postnet, cut to the utterance's real frame count, so frame t still describes samples
 * [t·hop, (t + 1)·hop) of the recording.
 *
 * <p>Teacher forcing: an autoregressive model ({@link TransformerTTS}) reads the corpus's own mels
 * as its decoder inputs (prenet dropout off); a forward model ({@link ForwardTTS}) is given the
 * durations, pitch and energy of the cache's {@value ProsodyStore#FILE}. Batches of similar length,
 * each in an {@link NDManager} closed after it, on {@code threads} workers sharing the model.
 * An interrupted run keeps its finished shards and continues when run again with the same checkpoint.
 */
public final class PredictedMels {

    /** Utterances per shard of the written cache. */
    static final int SHARD_SIZE = 256;

    /**
     * What a run did.
     *
     * @param dir the written cache
     * @param kind the acoustic model's kind
     * @param computed utterances predicted in this run
     * @param kept utterances already in {@code dir} from an interrupted run with the same checkpoint
     * @param seconds audio seconds of the utterances predicted in this run
     * @param meanL1 mean absolute difference per mel value between the predicted and the real mels of
     *     this run's utterances (NaN when none)
     * @param complete whether the cache now holds every utterance of the corpus
     * @param elapsed wall-clock time, with reading the checkpoint and loading the model
     * @param predicting wall-clock time of the prediction alone
     */
    public record Result(Path dir, ModelKind kind, int computed, int kept, double seconds, double meanL1,
            boolean complete, Duration elapsed, Duration predicting) {

        /** Utterances predicted per second of {@link #predicting}. */
        public double itemsPerSecond() {
            return computed / Math.max(1e-9, predicting.toNanos() / 1e9);
        }
    }

    /** One batch's predicted mels, each cut to its utterance's frames. */
    @FunctionalInterface
    private interface Teacher {
        /** The postnet mels {@code [batch, frames, nMels]}, in {@code step}. */
        NDArray predict(NDManager step, Batch batch);
    }

    private final Path checkpointFile;
    private final FeatureCache cache;
    private final Path out;
    private final int limit;
    private final int threads;
    private final int batchFrames;
    private final Progress.Factory progress;

    private PredictedMels(Builder b) {
        this.checkpointFile = b.checkpoint;
        this.cache = b.cache;
        this.out = b.out;
        this.limit = b.limit;
        this.threads = b.threads;
        this.batchFrames = b.batchFrames;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Predicts the mels of the cache (or of its first {@code limit} utterances) into the output folder. */
    public Result run() {
        long start = System.nanoTime();
        Checkpoint checkpoint = Checkpoint.read(checkpointFile);
        checkCompatible(checkpoint);
        ModelKind kind = checkpoint.kind();
        ProsodyStore prosody = kind == ModelKind.FORWARD ? prosodyFor() : null;
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("predicted", true);
        source.put("model", kind.jsonName());
        source.put("checkpoint", checkpointFile.toAbsolutePath().normalize().toString());
        source.put("checkpoint_sha256", CheckpointManager.sha256(checkpointFile));
        source.put("output", "postnet");
        source.put("teacher_forcing", kind == ModelKind.FORWARD
                ? "durations, pitch and energy of " + ProsodyStore.FILE : "the corpus's mels");
        if (prosody != null) {
            source.put("prosody_sha256", CheckpointManager.sha256(prosody.file()));
        }
        List<String> ids = cache.ids();
        if (limit > 0 && limit < ids.size()) {
            ids = ids.subList(0, limit);
        }
        try (FeatureCacheWriter writer = FeatureCacheWriter.open(cache, out, source, SHARD_SIZE);
                NDManager base = NDManager.newBaseManager()) { // loads the engine, which grad mode needs
            List<String> todo = ids.stream().filter(id -> !writer.written().contains(id)).toList();
            int kept = ids.size() - todo.size();
            Tally tally = new Tally();
            long predicting = 0;
            if (!todo.isEmpty()) {
                int padMultiple = kind == ModelKind.FORWARD ? 1 : checkpoint.config().reductionFactor();
                try (Progress bar = progress.start("mels", todo.size());
                        BatchStream batches = BatchStream.validation(cache, todo, batchFrames, 64, padMultiple)) {
                    if (kind == ModelKind.FORWARD) {
                        try (ForwardTTS model = ForwardTTS.fromCheckpoint(checkpoint, base)) {
                            long t0 = System.nanoTime();
                            predictAll(forward(model, prosody), base, batches, writer, tally, bar);
                            predicting = System.nanoTime() - t0;
                        }
                    } else {
                        try (TransformerTTS model = checkpoint.createModel(base)) {
                            long t0 = System.nanoTime();
                            predictAll(autoregressive(model), base, batches, writer, tally, bar);
                            predicting = System.nanoTime() - t0;
                        }
                    }
                }
            }
            writer.finish();
            boolean complete = kept + tally.utterances == cache.ids().size();
            return new Result(out, kind, tally.utterances, kept, tally.frames * cache.audioConfig().frameSeconds(),
                    tally.values == 0 ? Double.NaN : tally.l1 / tally.values, complete,
                    Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(predicting));
        }
    }

    /**
     * Checks that the checkpoint reads the cache's tokens and makes its mels: the symbols and bands as
     * {@code durations extract} checks them, and the rest of the audio settings, which a vocoder's
     * frames depend on.
     */
    private void checkCompatible(Checkpoint checkpoint) {
        DurationExtraction.checkCompatible(checkpoint, checkpointFile, cache, DurationExtraction.cacheSymbols(cache));
        AudioConfig audio = checkpoint.provenance().config() == null ? null : checkpoint.provenance().config().audio();
        if (audio != null && !audio.equals(cache.audioConfig())) {
            throw new InvalidInputException(checkpointFile + " makes mels of " + NeuralVocoder.describe(audio)
                    + " but " + cache.dir() + " holds mels of " + NeuralVocoder.describe(cache.audioConfig())
                    + "; give the acoustic model trained on this corpus");
        }
    }

    /** The cache's per-token prosody, which must cover every utterance to be predicted. */
    private ProsodyStore prosodyFor() {
        if (!ProsodyStore.exists(cache)) {
            throw new InvalidInputException(checkpointFile + " is a forward model: teacher forcing needs the"
                    + " corpus's durations, pitch and energy, and " + cache.dir() + " has no " + ProsodyStore.FILE
                    + "; run 'mytts durations extract' first");
        }
        ProsodyStore store = ProsodyStore.read(cache);
        List<String> missing = cache.ids().stream().filter(id -> store.get(id).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException(store.file() + " has no per-token durations for " + missing.size()
                    + " of the " + cache.ids().size() + " utterances (first: " + missing.get(0) + "), and the"
                    + " predicted cache must hold them all; run 'mytts durations extract' with a checkpoint");
        }
        return store;
    }

    private static Teacher autoregressive(TransformerTTS model) {
        return (step, b) -> {
            PaddedBatch p = PaddedBatch.of(step, CacheBatchSource.toTrainBatch(b), model.config().reductionFactor());
            // A multi-speaker model speaks each utterance as its own speaker.
            int[] speakers = model.speakerTable().isMultiSpeaker() ? b.speakers() : null;
            return model.forward(p.tokens(), p.tokenLengths(), speakers, p.mels(), p.melLengths(), false).melAfter();
        };
    }

    /** The batch with its per-token prosody, packed and run as training packs it. */
    private static Teacher forward(ForwardTTS model, ProsodyStore prosody) {
        return (step, b) -> model.teacherForced(step, ForwardBatch.of(b, prosody)).melAfter();
    }

    /** Counts of the utterances predicted, and their L1 to the real mels; guarded by its own lock. */
    private static final class Tally {
        int utterances;
        long frames;
        double l1;
        long values;
    }

    /** Runs the batches on the workers; each worker predicts whole batches with gradients off. */
    private void predictAll(Teacher teacher, NDManager base, BatchStream batches, FeatureCacheWriter writer,
            Tally tally, Progress bar) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mels");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(pool.submit(() -> {
                    JniUtils.setGradMode(false); // per thread; a new thread starts with it on
                    for (Batch b = nextOf(batches); b != null; b = nextOf(batches)) {
                        predictBatch(teacher, base, b, writer, tally, bar);
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; run again to continue where it stopped", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Batch nextOf(BatchStream batches) {
        synchronized (batches) {
            return batches.hasNext() ? batches.next() : null;
        }
    }

    private void predictBatch(Teacher teacher, NDManager base, Batch b, FeatureCacheWriter writer, Tally tally,
            Progress bar) {
        int nMels = cache.nMels();
        float[] flat;
        int frames;
        try (NDManager step = base.newSubManager()) {
            NDArray mel = teacher.predict(step, b);
            frames = (int) mel.getShape().get(1);
            flat = mel.toFloatArray();
        }
        for (int i = 0; i < b.size(); i++) {
            int real = b.melLengths()[i];
            float[][] predicted = new float[real][nMels];
            double l1 = 0;
            for (int f = 0; f < real; f++) {
                System.arraycopy(flat, (i * frames + f) * nMels, predicted[f], 0, nMels);
                float[] target = b.mels()[i][f];
                for (int j = 0; j < nMels; j++) {
                    l1 += Math.abs(predicted[f][j] - target[j]);
                }
            }
            writer.add(b.ids()[i], predicted);
            synchronized (tally) {
                tally.utterances++;
                tally.frames += real;
                tally.l1 += l1;
                tally.values += (long) real * nMels;
                bar.step();
            }
        }
    }

    /** The checkpoint, the corpus's cache and the output folder are required; the rest has defaults. */
    public static final class Builder {
        private Path checkpoint;
        private FeatureCache cache;
        private Path out;
        private int limit;
        private int threads = 1;
        private int batchFrames = 6000;
        private Progress.Factory progress = Progress.Factory.NONE;

        private Builder() {}

        /** The acoustic model: a training checkpoint's or a voice's {@code model.zip}. */
        public Builder setCheckpoint(Path checkpoint) {
            this.checkpoint = checkpoint;
            return this;
        }

        /** The corpus's feature cache: its tokens and real mels. */
        public Builder setCache(FeatureCache cache) {
            this.cache = cache;
            return this;
        }

        /** The folder of the predicted cache. */
        public Builder setOut(Path out) {
            this.out = out;
            return this;
        }

        /** Only the first {@code limit} utterances of the cache (0: all). */
        public Builder optLimit(int limit) {
            this.limit = limit;
            return this;
        }

        /** Worker threads, each predicting whole batches (default 1). */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Most padded mel frames in one batch (default 6000). */
        public Builder optBatchFrames(int batchFrames) {
            this.batchFrames = batchFrames;
            return this;
        }

        public Builder optProgress(Progress.Factory progress) {
            this.progress = progress;
            return this;
        }

        public PredictedMels build() {
            if (checkpoint == null || cache == null || out == null) {
                throw new IllegalStateException("setCheckpoint, setCache and setOut are required");
            }
            if (!Files.isRegularFile(checkpoint)) {
                throw new InvalidInputException("checkpoint " + checkpoint + " does not exist");
            }
            if (limit < 0 || threads < 1 || batchFrames < 1) {
                throw new InvalidInputException("limit must be at least 0, threads and batch frames at least 1; got "
                        + limit + ", " + threads + ", " + batchFrames);
            }
            return new PredictedMels(this);
        }
    }
}
