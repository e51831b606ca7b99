package io.mytts.vocoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.config.AudioConfig;
import io.mytts.config.Presets;
import io.mytts.config.Provenance;
import io.mytts.config.TTSConfig;
import io.mytts.data.Batch;
import io.mytts.data.BatchStream;
import io.mytts.data.CachedUtterance;
import io.mytts.data.FeatureCache;
import io.mytts.data.FeatureCacheWriter;
import io.mytts.data.ProsodyStore;
import io.mytts.data.TokenProsody;
import io.mytts.forward.ForwardBatch;
import io.mytts.forward.ForwardTTS;
import io.mytts.model.Checkpoint;
import io.mytts.model.ModelKind;
import io.mytts.model.TransformerTTS;
import io.mytts.monitor.RunFolder;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import io.mytts.train.CheckpointManager;
import io.mytts.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An untrained tiny acoustic model's teacher-forced mels of a tone corpus, and a vocoder trained on them. */
class PredictedMelsTest {

    /** ToneCorpus's tokens are 1 to 20: the pad symbol, the end symbol and 19 more. */
    private static final SymbolTable SYMBOLS =
            SymbolTable.withSpecials(IntStream.range(2, 21).mapToObj(i -> "s" + i).toList());

    @TempDir
    static Path dir;
    static Path corpus;
    static Path checkpoint;

    @BeforeAll
    static void makeCorpusAndModel() throws IOException {
        corpus = ToneCorpus.create(dir, 8);
        Files.writeString(corpus.resolve("cache").resolve(FeatureCache.SYMBOLS), SYMBOLS.toJson());
        checkpoint = saveModel(dir.resolve("model.zip"), 5);
    }

    private static Path saveModel(Path file, long seed) throws IOException {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(Presets.get("tiny"), SYMBOLS.size(),
                        AudioConfig.DEFAULT.nMels(), m, seed)) {
            Checkpoint.writer(model).setProvenance(Provenance.current(null,
                    TextSettings.englishCharacters().withSymbols(SYMBOLS), null)).write(file);
        }
        return file;
    }

    private static PredictedMels.Result predict(Path out, Path ckpt, int limit) {
        try (FeatureCache cache = FeatureCache.open(corpus.resolve("cache"))) {
            // Small batches on two workers: several batches, finished in any order.
            return PredictedMels.builder().setCheckpoint(ckpt).setCache(cache).setOut(out).optLimit(limit)
                    .optThreads(2).optBatchFrames(250).build().run();
        }
    }

    /** The model's postnet mel of one utterance in a batch of its own, teacher-forced on its real mel. */
    private static float[][] direct(CachedUtterance u) {
        boolean grad = JniUtils.isGradMode();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = Checkpoint.read(checkpoint).createModel(m)) {
            JniUtils.setGradMode(false);
            long[] tokens = IntStream.of(u.tokens()).asLongStream().toArray();
            float[] mel = new float[u.frames() * 80];
            for (int f = 0; f < u.frames(); f++) {
                System.arraycopy(u.mel()[f], 0, mel, f * 80, 80);
            }
            NDArray out = model.forward(m.create(tokens, new Shape(1, tokens.length)), new int[] {tokens.length},
                    m.create(mel, new Shape(1, u.frames(), 80)), new int[] {u.frames()}, false).melAfter();
            return rows(out.toFloatArray(), u.frames());
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    private static float[][] rows(float[] flat, int frames) {
        float[][] result = new float[frames][80];
        for (int f = 0; f < frames; f++) {
            System.arraycopy(flat, f * 80, result[f], 0, 80);
        }
        return result;
    }

    /** The largest difference of two mels, relative to the expected value where that exceeds 1. */
    private static double largestRelativeDifference(float[][] actual, float[][] expected) {
        assertThat(actual).hasNumberOfRows(expected.length);
        double worst = 0;
        for (int f = 0; f < expected.length; f++) {
            for (int j = 0; j < 80; j++) {
                worst = Math.max(worst, Math.abs(actual[f][j] - expected[f][j]) / Math.max(1, Math.abs(expected[f][j])));
            }
        }
        return worst;
    }

    @Test
    void theCacheHoldsTheCorpusUtterancesWithTheModelsMels() throws IOException {
        Path out = dir.resolve("tf-all");
        PredictedMels.Result r = predict(out, checkpoint, 0);
        assertThat(r.computed()).isEqualTo(8);
        assertThat(r.kept()).isZero();
        assertThat(r.complete()).isTrue();
        try (FeatureCache real = FeatureCache.open(corpus.resolve("cache"));
                FeatureCache predicted = FeatureCache.open(out)) {
            assertThat(predicted.ids()).isEqualTo(real.ids());
            assertThat(predicted.settingsHash()).isEqualTo(real.settingsHash());
            assertThat(predicted.audioConfig()).isEqualTo(real.audioConfig());
            double l1 = 0;
            long values = 0;
            for (String id : real.ids()) {
                CachedUtterance p = predicted.read(id);
                CachedUtterance u = real.read(id);
                assertThat(p.frames()).as(id).isEqualTo(u.frames());
                assertThat(p.tokens()).as(id).isEqualTo(u.tokens());
                for (int f = 0; f < u.frames(); f++) {
                    for (int j = 0; j < 80; j++) {
                        l1 += Math.abs(p.mel()[f][j] - u.mel()[f][j]);
                        values++;
                    }
                }
            }
            assertThat(r.meanL1()).isPositive().isCloseTo(l1 / values, within(1e-2));
            assertThat(r.seconds()).isCloseTo(real.ids().stream().mapToInt(real::frames).sum()
                    * AudioConfig.DEFAULT.frameSeconds(), within(1e-9));

            // One utterance against the model called on it alone: equal to float16's precision.
            CachedUtterance u = real.read("T-05");
            assertThat(largestRelativeDifference(predicted.read("T-05").mel(), direct(u))).isLessThan(2e-3);

            JsonNode mels = predicted.manifest().get(FeatureCacheWriter.MELS_KEY);
            assertThat(mels.get("predicted").asBoolean()).isTrue();
            assertThat(mels.get("model").asText()).isEqualTo("autoregressive");
            assertThat(mels.get("output").asText()).isEqualTo("postnet");
            assertThat(mels.get("checkpoint_sha256").asText()).isEqualTo(CheckpointManager.sha256(checkpoint));
            assertThat(predicted.manifest().get(FeatureCacheWriter.COMPLETE_KEY).asBoolean()).isTrue();
        }
    }

    @Test
    void anInterruptedCacheIsFinishedAndAnotherCheckpointsIsWrittenAnew() throws IOException {
        Path out = dir.resolve("tf-resume");
        PredictedMels.Result part = predict(out, checkpoint, 3);
        assertThat(part.computed()).isEqualTo(3);
        assertThat(part.complete()).isFalse();
        try (FeatureCache c = FeatureCache.open(out)) {
            assertThat(c.ids()).hasSize(3);
            assertThat(c.manifest().get(FeatureCacheWriter.COMPLETE_KEY).asBoolean()).isFalse();
        }
        PredictedMels.Result rest = predict(out, checkpoint, 0);
        assertThat(rest.kept()).isEqualTo(3);
        assertThat(rest.computed()).isEqualTo(5);
        assertThat(rest.complete()).isTrue();

        Path other = saveModel(dir.resolve("other.zip"), 6);
        PredictedMels.Result anew = predict(out, other, 0);
        assertThat(anew.kept()).isZero();
        assertThat(anew.computed()).isEqualTo(8);
        try (FeatureCache c = FeatureCache.open(out)) {
            assertThat(c.ids()).hasSize(8);
            assertThat(c.manifest().at("/mels/checkpoint_sha256").asText()).isEqualTo(CheckpointManager.sha256(other));
        }
    }

    @Test
    void aWriterStoppedBeforeItsFirstShardIsContinuedAndAnotherSourceStartsOver() {
        Path out = dir.resolve("stopped");
        try (FeatureCache real = FeatureCache.open(corpus.resolve("cache"))) {
            String first = real.ids().get(0);
            FeatureCacheWriter.open(real, out, Map.of("test", "a"), 4).close(); // stopped with nothing added
            try (FeatureCacheWriter w = FeatureCacheWriter.open(real, out, Map.of("test", "a"), 4)) {
                assertThat(w.written()).isEmpty();
                w.add(first, real.read(first).mel()); // closing writes it
            }
            try (FeatureCacheWriter w = FeatureCacheWriter.open(real, out, Map.of("test", "a"), 4)) {
                assertThat(w.written()).containsExactly(first);
            }
            try (FeatureCacheWriter w = FeatureCacheWriter.open(real, out, Map.of("test", "b"), 4)) {
                assertThat(w.written()).isEmpty();
            }
            try (FeatureCache c = FeatureCache.open(out)) {
                assertThat(c.ids()).isEmpty();
                assertThat(c.manifest().at("/mels/test").asText()).isEqualTo("b");
            }
        }
    }

    @Test
    void aFolderOfOtherFilesAndTheCorpusCacheItselfAreRefused() throws IOException {
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> predict(busy, checkpoint, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not empty");
        assertThat(busy.resolve("notes.txt")).exists();
        assertThatThrownBy(() -> predict(corpus.resolve("cache"), checkpoint, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("own feature cache");
    }

    @Test
    void melCachesOfOtherUtterancesFramesOrAudioSettingsAreRefused() throws IOException {
        Path partial = dir.resolve("tf-partial");
        predict(partial, checkpoint, 2);
        Path shortened = dir.resolve("tf-short");
        Path otherAudio = dir.resolve("cache-7600");
        ToneCorpus.prepare(corpus, otherAudio, new AudioConfig(22050, 1024, 256, 1024, 80, 0, 7600, 1e-5));
        try (FeatureCache real = FeatureCache.open(corpus.resolve("cache"))) {
            try (FeatureCacheWriter w = FeatureCacheWriter.open(real, shortened, Map.of("test", "shortened"), 4)) {
                for (String id : real.ids()) {
                    float[][] mel = real.read(id).mel();
                    w.add(id, id.equals("T-04") ? java.util.Arrays.copyOf(mel, mel.length - 1) : mel);
                }
                w.finish();
            }
            try (FeatureCache c = FeatureCache.open(partial)) {
                assertThatThrownBy(() -> AudioSegments.checkMatches(real, c)).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining(partial.toString()).hasMessageContaining(real.dir().toString())
                        .hasMessageContaining("6 of the corpus's 8 are missing").hasMessageContaining("unfinished");
            }
            try (FeatureCache c = FeatureCache.open(shortened)) {
                assertThatThrownBy(() -> AudioSegments.checkMatches(real, c)).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("T-04").hasMessageContaining(shortened.toString())
                        .hasMessageContaining(real.dir().toString());
            }
            try (FeatureCache c = FeatureCache.open(otherAudio)) {
                assertThatThrownBy(() -> AudioSegments.checkMatches(real, c)).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("7600.0 Hz").hasMessageContaining("8000.0 Hz")
                        .hasMessageContaining(otherAudio.toString());
            }
            assertThatThrownBy(() -> training(dir.resolve("refused"), settings(2)).optMels(partial).build().run())
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing");
        }
    }

    private static VocoderTraining.Builder training(Path run, VocoderTrainSettings s) {
        return ToneCorpus.tinyTraining(corpus, run, s);
    }

    private static VocoderTrainSettings settings(long steps) {
        // batch 2 of 16 frames; logs every step, validates and checkpoints every 2
        return new VocoderTrainSettings(2, 16, 3e-3, 0.8, 0.99, 1000, 45, 15, 2, steps, 1, 2, 2, 2, 2, 7);
    }

    private static double firstMelLoss(Path run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = json.readTree(line);
            if (n.path("step").asLong() == 1 && n.has("mel_l1")) {
                return n.get("mel_l1").asDouble();
            }
        }
        throw new AssertionError("no metrics line of step 1 in " + run);
    }

    @Test
    void aVocoderTrainsOnThePredictedMelsAndResumesWithThem() throws IOException {
        Path mels = dir.resolve("tf-train");
        predict(mels, checkpoint, 0);
        Path run = dir.resolve("voc-tf");
        Trainer.Result first = training(run, settings(3)).optMels(mels).build().run();
        assertThat(first.step()).isEqualTo(3);
        JsonNode config = new ObjectMapper().readTree(run.resolve(RunFolder.CONFIG_FILE).toFile());
        assertThat(config.get("mels").asText()).isEqualTo(mels.toAbsolutePath().normalize().toString());

        // Resumed without --mels, it keeps them; other mels are refused.
        Trainer.Result resumed = training(run, settings(3)).optResume(true).optMaxSteps(4).build().run();
        assertThat(resumed.step()).isEqualTo(4);
        assertThat(new ObjectMapper().readTree(run.resolve(RunFolder.CONFIG_FILE).toFile()).get("mels").asText())
                .isEqualTo(mels.toAbsolutePath().normalize().toString());
        assertThat(run.resolve("checkpoints/step-00000004").resolve(NeuralVocoder.DESCRIPTOR)).content()
                .contains(mels.toAbsolutePath().normalize().toString());
        assertThatThrownBy(() -> training(run, settings(3)).optResume(true).optMaxSteps(5).optMels(corpus).build()
                .run()).isInstanceOf(InvalidInputException.class).hasMessageContaining("--resume continues with");

        // Same seed and windows, other input mels: the first step's loss differs.
        Path plain = dir.resolve("voc-real");
        training(plain, settings(1)).build().run();
        assertThat(new ObjectMapper().readTree(plain.resolve(RunFolder.CONFIG_FILE).toFile()).has("mels")).isFalse();
        assertThat(firstMelLoss(run)).isNotEqualTo(firstMelLoss(plain));
    }

    /** Each utterance's frames spread over its tokens, with seeded pitch and energy z-scores. */
    private static List<TokenProsody> prosodyOf(FeatureCache cache) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        List<TokenProsody> out = new ArrayList<>();
        for (String id : cache.ids()) {
            int tokens = cache.tokens(id);
            int frames = cache.frames(id);
            int[] durations = new int[tokens];
            float[] pitch = new float[tokens];
            float[] energy = new float[tokens];
            for (int t = 0; t < tokens; t++) {
                durations[t] = (t + 1) * frames / tokens - t * frames / tokens;
                pitch[t] = (float) random.nextGaussian();
                energy[t] = (float) random.nextGaussian();
            }
            out.add(new TokenProsody(id, frames, durations, pitch, energy));
        }
        return out;
    }

    @Test
    void aForwardModelIsTeacherForcedWithTheCorpusProsody() throws IOException {
        Path corpus2 = ToneCorpus.create(dir.resolve("forward"), 5);
        Path cacheDir = corpus2.resolve("cache");
        Files.writeString(cacheDir.resolve(FeatureCache.SYMBOLS), SYMBOLS.toJson());
        TTSConfig config = Presets.config("forward-tiny");
        Path ckpt = dir.resolve("forward.zip");
        try (NDManager m = NDManager.newBaseManager();
                ForwardTTS model = new ForwardTTS(config.model(), config.forwardOrDefault(), SYMBOLS.size(), 80,
                        new ProsodyStore.SpeakerStats(5.3, 0.2, 0.5, 1.5), m, 3)) {
            model.checkpointWriter().setProvenance(Provenance.current(null,
                    TextSettings.englishCharacters().withSymbols(SYMBOLS), null)).write(ckpt);
        }
        Path out = dir.resolve("tf-forward");
        try (FeatureCache cache = FeatureCache.open(cacheDir)) {
            PredictedMels.Builder b = PredictedMels.builder().setCheckpoint(ckpt).setCache(cache).setOut(out)
                    .optThreads(2).optBatchFrames(250);
            assertThatThrownBy(() -> b.build().run()).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(ProsodyStore.FILE).hasMessageContaining("durations extract");
            List<TokenProsody> prosody = prosodyOf(cache);
            ProsodyStore.write(cache, new ProsodyStore.Source("test", null, null),
                    Map.of(ProsodyStore.SINGLE_SPEAKER, new ProsodyStore.SpeakerStats(5.3, 0.2, 0.5, 1.5)), prosody);
            PredictedMels.Result r = b.build().run();
            assertThat(r.kind()).isEqualTo(ModelKind.FORWARD);
            assertThat(r.computed()).isEqualTo(5);
            assertThat(r.complete()).isTrue();

            TokenProsody p = prosody.get(3);
            CachedUtterance u = cache.read(p.id());
            float[] expected;
            boolean grad = JniUtils.isGradMode();
            try (NDManager m = NDManager.newBaseManager();
                    ForwardTTS model = ForwardTTS.fromCheckpoint(Checkpoint.read(ckpt), m)) {
                JniUtils.setGradMode(false);
                long[] tokens = IntStream.of(u.tokens()).asLongStream().toArray();
                Shape shape = new Shape(1, tokens.length);
                expected = model.forward(m.create(tokens, shape), new int[] {tokens.length},
                        new int[][] {p.durations()}, m.create(p.pitch(), shape), m.create(p.energy(), shape),
                        u.frames(), false).melAfter().toFloatArray();
            } finally {
                JniUtils.setGradMode(grad);
            }
            try (FeatureCache predicted = FeatureCache.open(out)) {
                assertThat(predicted.ids()).isEqualTo(cache.ids());
                assertThat(largestRelativeDifference(predicted.read(p.id()).mel(), rows(expected, u.frames())))
                        .isLessThan(2e-3);
                assertThat(predicted.manifest().at("/mels/model").asText()).isEqualTo("forward");
                assertThat(predicted.manifest().at("/mels/prosody_sha256").asText())
                        .isEqualTo(CheckpointManager.sha256(cacheDir.resolve(ProsodyStore.FILE)));
            }
            // The same batches packed as training packs them give every utterance the same values.
            Path packed = trainingPacking(ckpt, cache, dir.resolve("tf-forward-training"));
            try (FeatureCache predicted = FeatureCache.open(out); FeatureCache training = FeatureCache.open(packed)) {
                for (String id : cache.ids()) {
                    assertThat(predicted.read(id).mel()).as(id).isDeepEqualTo(training.read(id).mel());
                }
            }
        }
    }

    /**
     * A forward model's teacher-forced mels of the cache's batches as {@link PredictedMels} makes them
     * (250 frames, at most 64 utterances), each laid into tensors by the training path's
     * {@link ForwardBatch#of} and {@link ForwardTTS#teacherForced}, written as a cache into {@code out}.
     */
    private static Path trainingPacking(Path ckpt, FeatureCache cache, Path out) {
        ProsodyStore prosody = ProsodyStore.read(cache);
        boolean grad = JniUtils.isGradMode();
        try (NDManager m = NDManager.newBaseManager();
                ForwardTTS model = ForwardTTS.fromCheckpoint(Checkpoint.read(ckpt), m);
                BatchStream batches = BatchStream.validation(cache, cache.ids(), 250, 64, 1);
                FeatureCacheWriter writer = FeatureCacheWriter.open(cache, out, Map.of("test", "training"), 64)) {
            JniUtils.setGradMode(false);
            while (batches.hasNext()) {
                Batch b = batches.next();
                try (NDManager step = m.newSubManager()) {
                    NDArray mel = model.teacherForced(step, ForwardBatch.of(b, prosody)).melAfter();
                    int frames = (int) mel.getShape().get(1);
                    float[] flat = mel.toFloatArray();
                    for (int i = 0; i < b.size(); i++) {
                        writer.add(b.ids()[i], rows(Arrays.copyOfRange(flat, i * frames * 80, (i + 1) * frames * 80),
                                b.melLengths()[i]));
                    }
                }
            }
            writer.finish();
        } finally {
            JniUtils.setGradMode(grad);
        }
        return out;
    }

    @Test
    void aCacheOfOtherSymbolsIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path corpus2 = ToneCorpus.create(dir.resolve("plain"), 3);
        Files.writeString(corpus2.resolve("cache").resolve(FeatureCache.SYMBOLS),
                SymbolTable.withSpecials(IntStream.range(2, 31).mapToObj(i -> "s" + i).toList()).toJson());
        Path out = dir.resolve("tf-symbols");
        try (FeatureCache cache = FeatureCache.open(corpus2.resolve("cache"))) {
            assertThatThrownBy(() -> PredictedMels.builder().setCheckpoint(checkpoint).setCache(cache).setOut(out)
                    .build().run()).isInstanceOf(InvalidInputException.class).hasMessageContaining("other symbols");
        }
        assertThat(out).doesNotExist();
    }
}
