package io.mytts.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mytts.InvalidInputException;
import ai.djl.ndarray.NDManager;
import io.mytts.config.ConfigFiles;
import io.mytts.config.ForwardAlignment;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.data.FeatureCache;
import io.mytts.data.ProsodyStore;
import io.mytts.model.Checkpoint;
import io.mytts.model.ModelKind;
import io.mytts.monitor.MetricsLine;
import io.mytts.monitor.RunFolder;
import io.mytts.monitor.TrainingReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** {@link ForwardTraining} on a toy corpus with even durations, preset forward-tiny. */
class ForwardTrainingTest {

    static TTSConfig config(boolean dropout, int logEvery) {
        TTSConfig c = Presets.config("forward-tiny");
        c = c.withTrain(c.train().toBuilder().optLogEvery(logEvery).optValidateEvery(1000).optCheckpointEvery(1000)
                .build());
        if (!dropout) {
            c = c.withModel(c.model().toBuilder().optDropoutRate(0).build())
                    .withForward(c.forward().toBuilder().optVarianceDropout(0).build());
        }
        return c;
    }

    private static List<MetricsLine> steps(Path run) {
        return RunFolder.open(run).readMetrics().lines().stream()
                .filter(l -> l.values().containsKey("loss") && !l.values().containsKey("val_loss")).toList();
    }

    /** With a reduction factor the decoder makes several frames a position; it learns all the same. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void overfitsATinyCorpus(int framesPerPosition, @TempDir Path tmp) throws Exception {
        Path data = ToyForwardCorpus.create(tmp.resolve("corpus"), 6);
        Path run = tmp.resolve("run");
        TTSConfig cfg = config(false, 5);
        cfg = cfg.withModel(cfg.model().toBuilder().optReductionFactor(framesPerPosition).build());
        ForwardTraining.run(data, cfg, run, false, 60, false);
        List<MetricsLine> lines = steps(run);
        Map<String, Double> first = lines.get(0).values();
        Map<String, Double> last = lines.get(lines.size() - 1).values();
        assertThat(lines.get(lines.size() - 1).step()).isEqualTo(60);
        assertThat(last.get("loss")).isLessThan(0.5 * first.get("loss"));
        for (String part : List.of(ForwardTrainee.MEL_LOSS, ForwardTrainee.POSTNET_LOSS,
                ForwardTrainee.DURATION_LOSS, ForwardTrainee.PITCH_LOSS, ForwardTrainee.ENERGY_LOSS)) {
            assertThat(last.get(part)).as(part).isLessThan(first.get(part));
        }
        // The checkpoint is a forward model's, and describes itself.
        Checkpoint c = Checkpoint.read(run.resolve("checkpoints/step-00000060/model.zip"));
        assertThat(c.kind()).isEqualTo(ModelKind.FORWARD);
        assertThat(c.speakerStats()).containsExactly(ToyForwardCorpus.STATS);
        assertThat(c.provenance().config()).isEqualTo(ConfigFiles.read(run.resolve("config.json")));
        assertThat(c.provenance().config().forward()).isNotNull();
        assertThat(c.metadata().path("step").asLong()).isEqualTo(60);
    }

    /**
     * With no durations at all, only frame values: the model aligns itself by monotonic alignment
     * search under its prior, the prior's loss falls, and validation plots the alignment it found.
     */
    @Test
    void learnsItsAlignmentFromFrameValuesAlone(@TempDir Path tmp) throws Exception {
        Path data = ToyForwardCorpus.create(tmp.resolve("corpus"), 6);
        ToyForwardCorpus.framesOnly(data);
        Path run = tmp.resolve("run");
        TTSConfig cfg = config(false, 5);
        cfg = cfg.withForward(cfg.forward().toBuilder().optAlignment(ForwardAlignment.LEARNED).build())
                .withTrain(cfg.train().toBuilder().optValidateEvery(60).build());
        ForwardTraining.run(data, cfg, run, false, 60, false);
        List<MetricsLine> lines = steps(run);
        Map<String, Double> first = lines.get(0).values();
        Map<String, Double> last = lines.get(lines.size() - 1).values();
        assertThat(last.get(ForwardTrainee.ALIGNMENT_LOSS)).isLessThan(0.8 * first.get(ForwardTrainee.ALIGNMENT_LOSS));
        assertThat(last.get("loss")).isLessThan(0.5 * first.get("loss"));
        assertThat(last.get(ForwardTrainee.DURATION_LOSS)).isLessThan(first.get(ForwardTrainee.DURATION_LOSS));
        assertThat(run.resolve("alignments/step-00000060-mas0.png")).exists();
        assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"val_alignment_loss\"");
        // The checkpoint carries the prior and says how it was aligned; it loads and speaks.
        Checkpoint c = Checkpoint.read(run.resolve("checkpoints/step-00000060/model.zip"));
        assertThat(c.forwardConfig().alignment()).isEqualTo(ForwardAlignment.LEARNED);
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = ForwardTTS.fromCheckpoint(c, m)) {
            assertThat(model.parameterCounts()).containsKey("aligner");
            assertThat(model.generate(List.of(new int[] {1, 2, 3}), ForwardControls.DEFAULT).get(0).mel()).isNotEmpty();
        }
    }

    @Test
    void eachModeSaysWhichProsodyItNeeds(@TempDir Path tmp) throws Exception {
        Path data = ToyForwardCorpus.create(tmp.resolve("corpus"), 3);
        TTSConfig learned = config(true, 1);
        learned = learned.withForward(learned.forward().toBuilder().optAlignment(ForwardAlignment.LEARNED).build());
        TTSConfig l = learned;
        assertThatThrownBy(() -> ForwardTraining.run(data, l, tmp.resolve("a"), false, 1, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--method none");
        ToyForwardCorpus.framesOnly(data);
        assertThatThrownBy(() -> ForwardTraining.run(data, config(true, 1), tmp.resolve("b"), false, 1, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("\"learned\"");
    }

    @Test
    void resumeRepeatsTheUninterruptedLosses(@TempDir Path tmp) throws Exception {
        Path data = ToyForwardCorpus.create(tmp.resolve("corpus"), 6);
        TTSConfig cfg = config(true, 1);
        ForwardTraining.run(data, cfg, tmp.resolve("a"), false, 16, false);
        ForwardTraining.run(data, cfg, tmp.resolve("b"), false, 8, false);
        ForwardTraining.run(data, cfg, tmp.resolve("b"), true, 16, false);
        List<MetricsLine> straight = steps(tmp.resolve("a"));
        List<MetricsLine> resumed = steps(tmp.resolve("b"));
        assertThat(resumed).hasSameSizeAs(straight).hasSize(16);
        for (int i = 0; i < straight.size(); i++) {
            assertThat(resumed.get(i).step()).isEqualTo(straight.get(i).step());
            assertThat(resumed.get(i).values().get("loss")).as("step %d", i + 1)
                    .isCloseTo(straight.get(i).values().get("loss"), within(1e-5));
        }
    }

    @Test
    void validationWritesSamplesDurationAndAlignmentPlots(@TempDir Path tmp) throws Exception {
        Path data = ToyForwardCorpus.create(tmp.resolve("corpus"), 6);
        TTSConfig c = config(true, 1);
        c = c.withTrain(c.train().toBuilder().optValidateEvery(2).build());
        Path run = tmp.resolve("run");
        ForwardTraining.run(data, c, run, false, 2, false);
        assertThat(run.resolve("samples/step-00000002-val0.wav")).exists();
        assertThat(run.resolve("samples/step-00000002-target0.wav")).exists();
        assertThat(run.resolve("alignments/step-00000002-hard0.png")).exists();
        assertThat(Files.readString(run.resolve("durations/step-00000002-dur0.svg"))).startsWith("<svg")
                .contains("target").contains("predicted");
        String metrics = Files.readString(run.resolve("metrics.jsonl"));
        assertThat(metrics).contains("\"val_duration_loss\"").contains("\"val_pitch_loss\"");
        // The report shows the duration plots beside the alignments.
        String html = TrainingReport.builder().setRunFolder(run).build().render().html();
        assertThat(html).contains("<h2>Durations</h2>").contains("data:image/svg+xml;base64,");
    }

    @Test
    void utterancesWithoutDurationsAreLeftOut(@TempDir Path tmp) throws Exception {
        Path data = ToyForwardCorpus.create(tmp.resolve("corpus"), 6);
        try (FeatureCache cache = FeatureCache.open(data.resolve("cache"))) {
            String id = cache.ids().get(0);
            ProsodyStore.write(cache, new ProsodyStore.Source("mas", null, null),
                    Map.of(ProsodyStore.SINGLE_SPEAKER, ToyForwardCorpus.STATS),
                    List.of(ToyForwardCorpus.even(id, cache.frames(id), cache.tokens(id))));
        }
        // One utterance with durations is too few to train on, and the error says so.
        assertThatThrownBy(() -> ForwardTraining.run(data, config(true, 1), tmp.resolve("run"), false, 2, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1 usable utterance");
    }

    @Test
    void aCorpusWithoutDurationsSaysHowToMakeThem(@TempDir Path tmp) throws Exception {
        Path data = ToyForwardCorpus.create(tmp.resolve("corpus"), 3);
        Files.delete(data.resolve("cache").resolve(ProsodyStore.FILE));
        assertThatThrownBy(() -> ForwardTraining.run(data, config(true, 1), tmp.resolve("run"), false, 2, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mytts durations extract");
    }
}
