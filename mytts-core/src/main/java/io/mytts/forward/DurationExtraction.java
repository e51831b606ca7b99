package io.mytts.forward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.mytts.InvalidInputException;
import io.mytts.align.Alignments;
import io.mytts.align.MonotonicAlignmentSearch;
import io.mytts.align.MonotonicPath;
import io.mytts.data.Batch;
import io.mytts.data.BatchStream;
import io.mytts.data.FeatureCache;
import io.mytts.monitor.Progress;
import io.mytts.model.Checkpoint;
import io.mytts.model.ForwardOutput;
import io.mytts.model.TransformerTTS;
import io.mytts.text.SymbolTable;
import io.mytts.train.CacheBatchSource;
import io.mytts.train.PaddedBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Per-token durations of every utterance of a feature cache, read from a trained autoregressive
 * checkpoint: a teacher-forced pass in batches, the cross-attention averaged over layers and heads,
 * cropped to the utterance, and a monotonic path through it ({@link Method#ATTENTION}: the most
 * probable path of {@link MonotonicPath}; {@link Method#MAS}: {@link MonotonicAlignmentSearch} on the
 * log attention upsampled to frames). Both are computed for every utterance, so that the result says
 * how far the two disagree; the chosen one is what {@link Aligned#durations()} holds.
 *
 * <pre>{@code
 * try (FeatureCache cache = FeatureCache.open(dir)) {
 *     DurationExtraction.Result r = DurationExtraction.builder().setCheckpoint(ckpt).setCache(cache).build().run();
 * }
 * }</pre>
 */
public final class DurationExtraction {

    /** How durations are read off the attention. */
    public enum Method {
        ATTENTION("attention"), MAS("mas");

        private final String jsonName;

        Method(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }

        public static Method parse(String s) {
            for (Method m : values()) {
                if (m.jsonName.equalsIgnoreCase(s)) {
                    return m;
                }
            }
            throw new InvalidInputException("unknown duration method '" + s + "'; use attention or mas");
        }
    }

    /**
     * One utterance's durations.
     *
     * @param id utterance id
     * @param tokens its token ids
     * @param durations frames per token by the chosen method, summing to the mel length
     * @param pathProbability the attention path's {@link MonotonicPath#meanProbability()}
     * @param coversEveryToken whether the attention path gives every token at least one step
     * @param diagonality the attention's {@link Alignments#diagonality(float[][])}
     * @param masDifference mean absolute difference in frames per token between the attention path's
     *     and MAS's durations (NaN when MAS is impossible: fewer frames than tokens)
     */
    public record Aligned(String id, int[] tokens, int[] durations, double pathProbability, boolean coversEveryToken,
            double diagonality, double masDifference) {}

    /** A poorly aligned utterance kept for the report: its cropped attention {@code [steps][tokens]}. */
    public record Worst(Aligned aligned, float[][] attention) {}

    /** The {@code size} worst utterances seen by one ordering (worse first), and no more in memory. */
    private static final class WorstKept {
        private final Comparator<Worst> worseFirst;
        private final PriorityQueue<Worst> queue; // head: the least bad of those kept
        private final int size;

        WorstKept(Comparator<Worst> worseFirst, int size) {
            this.worseFirst = worseFirst;
            this.queue = new PriorityQueue<>(worseFirst.reversed());
            this.size = size;
        }

        void offer(Worst w) {
            queue.add(w);
            if (queue.size() > size) {
                queue.poll();
            }
        }

        List<Worst> sorted() {
            List<Worst> out = new ArrayList<>(queue);
            out.sort(worseFirst);
            return List.copyOf(out);
        }
    }

    /**
     * What a run found.
     *
     * @param aligned every utterance's durations, in cache order
     * @param worst the utterances with the least probable paths (those that miss a token first), worst first
     * @param leastDiagonal the utterances whose attention is least diagonal, least first
     * @param symbols the symbol table (for token labels)
     * @param reductionFactor frames per decoder step
     */
    public record Result(List<Aligned> aligned, List<Worst> worst, List<Worst> leastDiagonal, SymbolTable symbols,
            int reductionFactor) {}

    private final Path checkpointFile;
    private final FeatureCache cache;
    private final Method method;
    private final int limit;
    private final int batchFrames;
    private final int keepWorst;
    private final Progress.Factory progress;

    private DurationExtraction(Builder b) {
        this.checkpointFile = b.checkpoint;
        this.cache = b.cache;
        this.method = b.method;
        this.limit = b.limit;
        this.batchFrames = b.batchFrames;
        this.keepWorst = b.keepWorst;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The cache's symbol table: its symbols.json, else the one its manifest records. */
    public static SymbolTable cacheSymbols(FeatureCache cache) {
        Path file = cache.dir().resolve(FeatureCache.SYMBOLS);
        if (Files.isRegularFile(file)) {
            return SymbolTable.read(file);
        }
        List<String> symbols = new ArrayList<>();
        cache.manifest().path("settings").path("text").path("symbols").forEach(s -> symbols.add(s.asText()));
        if (symbols.isEmpty()) {
            throw new InvalidInputException(cache.dir() + ": no symbol table (no " + FeatureCache.SYMBOLS
                    + " and none in the manifest); run 'mytts prepare' again");
        }
        return SymbolTable.of(symbols);
    }

    /** Checks that the checkpoint reads the cache's tokens and makes as many mel bands as it holds. */
    public static void checkCompatible(Checkpoint checkpoint, Path file, FeatureCache cache, SymbolTable symbols) {
        if (!checkpoint.symbols().equals(symbols.symbols())) {
            throw new InvalidInputException(file + " was trained on other symbols than the features in " + cache.dir()
                    + " (checkpoint: " + checkpoint.symbols().size() + " symbols " + checkpoint.symbols()
                    + "; cache: " + symbols.size() + " symbols " + symbols.symbols() + "); give the checkpoint"
                    + " trained on this corpus, or prepare the corpus with that checkpoint's text settings");
        }
        if (checkpoint.nMels() != cache.nMels()) {
            throw new InvalidInputException(file + " makes " + checkpoint.nMels() + " mel bands but the cache in "
                    + cache.dir() + " has " + cache.nMels() + "; prepare the corpus with the checkpoint's audio settings");
        }
    }

    /** Runs the checkpoint over the cache (or its first {@code limit} utterances). */
    public Result run() {
        SymbolTable symbols = cacheSymbols(cache);
        Checkpoint checkpoint = Checkpoint.read(checkpointFile);
        checkCompatible(checkpoint, checkpointFile, cache, symbols);
        int r = checkpoint.config().reductionFactor();
        List<String> ids = cache.ids();
        if (limit > 0 && limit < ids.size()) {
            ids = ids.subList(0, limit);
        }
        List<Aligned> aligned = new ArrayList<>(ids.size());
        WorstKept worst = new WorstKept(Comparator.comparing((Worst w) -> w.aligned().coversEveryToken())
                .thenComparingDouble(w -> w.aligned().pathProbability()), keepWorst);
        WorstKept leastDiagonal = new WorstKept(Comparator.comparingDouble(w -> w.aligned().diagonality()), keepWorst);
        try (NDManager base = NDManager.newBaseManager(); // loads the engine, which grad mode needs
                TransformerTTS model = checkpoint.createModel(base);
                BatchStream batches = BatchStream.validation(cache, ids, batchFrames, 64, r);
                Progress bar = progress.start("durations", ids.size())) {
            boolean gradMode = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try {
                while (batches.hasNext()) {
                    for (Aligned a : alignBatch(model, base, batches.next(), r, worst, leastDiagonal)) {
                        aligned.add(a);
                        bar.step();
                    }
                }
            } finally {
                JniUtils.setGradMode(gradMode);
            }
        }
        java.util.Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        aligned.sort(Comparator.comparingInt(a -> position.get(a.id())));
        return new Result(List.copyOf(aligned), worst.sorted(), leastDiagonal.sorted(), symbols, r);
    }

    private List<Aligned> alignBatch(TransformerTTS model, NDManager base, Batch batch, int r,
            WorstKept worst, WorstKept leastDiagonal) {
        int b = batch.size();
        int maxT = batch.maxTokens();
        float[][][] attention;
        int[] stepLengths;
        try (NDManager step = base.newSubManager()) {
            PaddedBatch p = PaddedBatch.of(step, CacheBatchSource.toTrainBatch(batch), r);
            // A multi-speaker model aligns each utterance as its own speaker (the cache it was trained on).
            int[] speakers = model.speakerTable().isMultiSpeaker() ? batch.speakers() : null;
            ForwardOutput out = model.forward(p.tokens(), p.tokenLengths(), speakers, p.mels(), p.melLengths(), false);
            NDArray mean = Alignments.averageLayersAndHeads(out.crossAttention());
            Shape s = mean.getShape();
            int steps = (int) s.get(1);
            float[] flat = mean.toFloatArray();
            attention = new float[b][steps][maxT];
            for (int i = 0; i < b; i++) {
                for (int q = 0; q < steps; q++) {
                    System.arraycopy(flat, (i * steps + q) * maxT, attention[i][q], 0, maxT);
                }
            }
            stepLengths = out.decoderStepLengths();
        }
        List<Aligned> result = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            int tokens = batch.tokenLengths()[i];
            int frames = batch.melLengths()[i];
            float[][] cropped = crop(attention[i], stepLengths[i], tokens);
            Aligned a = align(batch.ids()[i], java.util.Arrays.copyOf(batch.tokens()[i], tokens), cropped, frames, r);
            result.add(a);
            worst.offer(new Worst(a, cropped));
            leastDiagonal.offer(new Worst(a, cropped));
        }
        return result;
    }

    /** The durations of one utterance from its cropped attention {@code [steps][tokens]}. */
    Aligned align(String id, int[] tokenIds, float[][] attention, int frames, int r) {
        int tokens = tokenIds.length;
        MonotonicPath path = MonotonicPath.find(attention, attention.length, tokens);
        int[] byPath = path.frames(frames, r);
        int[] byMas = null;
        if (frames >= tokens) {
            byMas = MonotonicAlignmentSearch.search(
                    MonotonicAlignmentSearch.logAttentionPerFrame(attention, frames, tokens, r)).durations();
        } else if (method == Method.MAS) {
            throw new InvalidInputException(id + ": " + frames + " mel frames for " + tokens + " tokens; monotonic"
                    + " alignment search needs a frame per token (use --method attention)");
        }
        double difference = Double.NaN;
        if (byMas != null) {
            double sum = 0;
            for (int t = 0; t < tokens; t++) {
                sum += Math.abs(byPath[t] - byMas[t]);
            }
            difference = sum / tokens;
        }
        return new Aligned(id, tokenIds, method == Method.MAS ? byMas : byPath, path.meanProbability(),
                path.coversEveryToken(), Alignments.diagonality(attention), difference);
    }

    private static float[][] crop(float[][] a, int steps, int tokens) {
        float[][] out = new float[steps][];
        for (int s = 0; s < steps; s++) {
            out[s] = java.util.Arrays.copyOf(a[s], tokens);
        }
        return out;
    }

    /** The checkpoint and the cache are required; the rest has defaults. */
    public static final class Builder {
        private Path checkpoint;
        private FeatureCache cache;
        private Method method = Method.ATTENTION;
        private int limit;
        private int batchFrames = 6000;
        private int keepWorst = 10;
        private Progress.Factory progress = Progress.Factory.NONE;

        private Builder() {}

        /** The checkpoint file (a training checkpoint or a voice's model.zip). */
        public Builder setCheckpoint(Path checkpoint) {
            this.checkpoint = checkpoint;
            return this;
        }

        public Builder setCache(FeatureCache cache) {
            this.cache = cache;
            return this;
        }

        public Builder optMethod(Method method) {
            this.method = method;
            return this;
        }

        /** Only the first {@code limit} utterances of the cache (0: all). */
        public Builder optLimit(int limit) {
            this.limit = limit;
            return this;
        }

        /** Most padded mel frames in one batch (default 6000). */
        public Builder optBatchFrames(int batchFrames) {
            this.batchFrames = batchFrames;
            return this;
        }

        /** How many of the worst utterances (by path probability, and by diagonality) to keep for the report (default 10). */
        public Builder optKeepWorst(int keepWorst) {
            this.keepWorst = keepWorst;
            return this;
        }

        public Builder optProgress(Progress.Factory progress) {
            this.progress = progress;
            return this;
        }

        public DurationExtraction build() {
            if (checkpoint == null || cache == null) {
                throw new IllegalStateException("setCheckpoint and setCache are required");
            }
            if (!Files.isRegularFile(checkpoint)) {
                throw new InvalidInputException("checkpoint " + checkpoint + " does not exist");
            }
            if (limit < 0 || batchFrames < 1 || keepWorst < 0) {
                throw new IllegalArgumentException("limit and keepWorst must be >= 0 and batchFrames >= 1, got "
                        + limit + ", " + keepWorst + ", " + batchFrames);
            }
            return new DurationExtraction(this);
        }
    }
}
