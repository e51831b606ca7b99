package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mytts.config.ClipMode;
import io.mytts.config.LrSchedule;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.config.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTest {

    static final int VOCAB = 8;
    static final int BINS = 4;

    static TTSConfig config(TrainConfig.Builder train) {
        TTSConfig tiny = Presets.config("tiny");
        return tiny.withTrain(train.build());
    }

    static TrainConfig.Builder constantLr(double lr) {
        return Presets.config("tiny").train().toBuilder().optLrSchedule(LrSchedule.CONSTANT)
                .optLearningRate(lr).optMinLearningRate(0).optLogEvery(5).optCheckpointEvery(1000)
                .optValidateEvery(1000).optGuidedAttnWeight(0.5);
    }

    private static Trainer.Builder<TrainBatch> trainer(FakeTtsModel model, FakeCorpus data, TTSConfig cfg, Path run) {
        return Trainer.builder().setModel(new TtsTrainee(model, cfg, 0)).setData(data).setConfig(cfg).setRunFolder(run)
                .optTerminal(false).optStopSignal(StopSignal.manual());
    }

    @Test
    void overfittingFourUtterancesDrivesTheLossNearZero(@TempDir Path run) throws Exception {
        List<StepMetrics> steps = new ArrayList<>();
        try (FakeTtsModel model = new FakeTtsModel(VOCAB, 16, BINS, 1)) {
            FakeCorpus data = new FakeCorpus(4, 4, VOCAB, BINS, 2);
            TTSConfig cfg = config(constantLr(2e-2).optClipMode(ClipMode.GLOBAL).optMaxGradNorm(5)
                    .optGuidedAttnWeight(0.1));
            trainer(model, data, cfg, run).optMaxSteps(300).optListener(steps::add).build().run();
        }
        StepMetrics first = steps.get(0);
        StepMetrics last = steps.get(steps.size() - 1);
        assertThat(last.step()).isEqualTo(300);
        // Targets are N(0, 1) values: a mean absolute error of 0.06 is 5% of where it started.
        assertThat(first.loss(TtsTrainee.POSTNET_LOSS)).isGreaterThan(0.5);
        assertThat(last.loss(TtsTrainee.POSTNET_LOSS)).isLessThan(0.06);
        assertThat(last.loss(TtsTrainee.MEL_LOSS)).isLessThan(0.06);
        assertThat(last.loss(TtsTrainee.STOP_LOSS)).isLessThan(0.1).isLessThan(0.2 * first.loss(TtsTrainee.STOP_LOSS));
        assertThat(steps).noneMatch(StepMetrics::skipped);
        // The log got one line per interval with the promised fields.
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertThat(lines).hasSize(300 / 5);
        assertThat(lines.get(0)).contains("\"step\":5", "\"loss\"", "\"mel_loss\"", "\"postnet_loss\"", "\"diagonality\"", "\"lr\"",
                "\"grad_norm\"", "\"grad_norm_min\"", "\"grad_norm_max\"", "\"steps_per_s\"", "\"frames_per_s\"", "\"rss_mb\"");
    }

    @Test
    void stoppingAndResumingGivesTheSameLossesAsOneRun(@TempDir Path dir) throws Exception {
        TTSConfig cfg = config(constantLr(1e-2).optLrSchedule(LrSchedule.NOAM).optWarmupSteps(5)
                .optClipMode(ClipMode.GLOBAL).optMaxGradNorm(0.5).optCheckpointEvery(7));
        List<StepMetrics> straight = new ArrayList<>();
        try (FakeTtsModel model = new FakeTtsModel(VOCAB, 16, BINS, 3)) {
            FakeCorpus data = new FakeCorpus(6, 2, VOCAB, BINS, 4);
            trainer(model, data, cfg, dir.resolve("a")).optMaxSteps(20).optListener(straight::add).build().run();
        }
        List<StepMetrics> resumed = new ArrayList<>();
        Path run = dir.resolve("b");
        try (FakeTtsModel model = new FakeTtsModel(VOCAB, 16, BINS, 3)) {
            FakeCorpus data = new FakeCorpus(6, 2, VOCAB, BINS, 4);
            StopSignal stop = StopSignal.manual();
            Trainer.Result r = trainer(model, data, cfg, run).optMaxSteps(20).optStopSignal(stop)
                    .optListener(m -> {
                        resumed.add(m);
                        if (m.step() == 10) {
                            stop.request();
                        }
                    }).build().run();
            assertThat(r.interrupted()).isTrue();
            assertThat(r.step()).isEqualTo(10);
        }
        // A new process: a fresh model with other initial weights and a fresh data source.
        try (FakeTtsModel model = new FakeTtsModel(VOCAB, 16, BINS, 99)) {
            FakeCorpus data = new FakeCorpus(6, 2, VOCAB, BINS, 4);
            Trainer.Result r = trainer(model, data, cfg, run).optResume(true).optMaxSteps(20)
                    .optListener(resumed::add).build().run();
            assertThat(r.interrupted()).isFalse();
        }
        assertThat(resumed).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(resumed.get(i).step()).isEqualTo(straight.get(i).step());
            assertThat(resumed.get(i).loss()).as("loss at step %d", i + 1)
                    .isCloseTo(straight.get(i).loss(), within(1e-5));
            assertThat(resumed.get(i).lr()).isEqualTo(straight.get(i).lr());
        }
        assertThat(straight.get(19).loss()).isNotEqualTo(straight.get(9).loss());
    }

    @ParameterizedTest
    @EnumSource(ClipMode.class)
    void everyClippingModeTrains(ClipMode mode, @TempDir Path run) throws Exception {
        List<StepMetrics> steps = new ArrayList<>();
        try (FakeTtsModel model = new FakeTtsModel(VOCAB, 16, BINS, 5)) {
            FakeCorpus data = new FakeCorpus(4, 2, VOCAB, BINS, 6);
            TTSConfig cfg = config(constantLr(1e-2).optClipMode(mode).optMaxGradNorm(0.1)
                    .optClipPercentile(50).optClipHistory(4));
            trainer(model, data, cfg, run).optMaxSteps(12).optListener(steps::add).build().run();
        }
        assertThat(steps).hasSize(12).allMatch(m -> Double.isFinite(m.loss()) && !m.skipped());
        assertThat(steps.get(11).loss()).isLessThan(steps.get(0).loss());
        if (mode == ClipMode.GLOBAL) {
            assertThat(steps).allMatch(m -> m.clippedNorm() <= 0.1 + 1e-6);
        }
        if (mode == ClipMode.NONE) {
            assertThat(steps).allMatch(m -> m.clippedNorm() == m.gradNorm());
        }
    }

    @Test
    void aNonFiniteBatchIsSkippedAndLeavesTheWeightsAlone(@TempDir Path run) throws Exception {
        List<float[]> weights = new ArrayList<>();
        List<StepMetrics> steps = new ArrayList<>();
        try (FakeTtsModel model = new FakeTtsModel(VOCAB, 16, BINS, 7)) {
            FakeCorpus data = new FakeCorpus(4, 2, VOCAB, BINS, 8);
            data.override = i -> i == 3 ? poisoned(data.batch(0)) : null;
            TTSConfig cfg = config(constantLr(1e-2));
            trainer(model, data, cfg, run).optMaxSteps(5).optListener(m -> {
                steps.add(m);
                weights.add(model.snapshot("mel_out"));
            }).build().run();
        }
        assertThat(steps.get(2).skipped()).isTrue();
        assertThat(steps.get(2).loss()).isNaN();
        assertThat(weights.get(2)).containsExactly(weights.get(1));
        assertThat(steps.get(3).skipped()).isFalse();
        assertThat(weights.get(3)).isNotEqualTo(weights.get(2));
        assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"event\":\"skipped\"");
    }

    @Test
    void consecutiveNonFiniteStepsRollBackWithALowerRate(@TempDir Path run) throws Exception {
        List<StepMetrics> steps = new ArrayList<>();
        try (FakeTtsModel model = new FakeTtsModel(VOCAB, 16, BINS, 7)) {
            FakeCorpus data = new FakeCorpus(4, 2, VOCAB, BINS, 8);
            data.override = i -> i == 5 || i == 6 ? poisoned(data.batch(0)) : null;
            TTSConfig cfg = config(constantLr(1e-2).optCheckpointEvery(3).optMaxNonFiniteSteps(2)
                    .optRollbackLrFactor(0.5));
            trainer(model, data, cfg, run).optMaxSteps(8).optListener(steps::add).build().run();
        }
        // Steps 1-4 fine, 5 and 6 poisoned: roll back to the checkpoint of step 3, then 4.. 8 again.
        assertThat(steps.stream().map(StepMetrics::step).toList())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 4L, 5L, 6L, 7L, 8L);
        assertThat(steps.get(3).lr()).isEqualTo(1e-2);
        assertThat(steps.get(6).lr()).isCloseTo(5e-3, within(1e-12));
        assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"event\":\"rollback\"");
    }

    @Test
    void aRunFolderWithCheckpointsNeedsResume(@TempDir Path run) throws Exception {
        try (FakeTtsModel model = new FakeTtsModel(VOCAB, 16, BINS, 1)) {
            FakeCorpus data = new FakeCorpus(4, 2, VOCAB, BINS, 2);
            TTSConfig cfg = config(constantLr(1e-2));
            trainer(model, data, cfg, run).optMaxSteps(2).build().run();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> trainer(model, data, cfg, run).optMaxSteps(4).build().run())
                    .isInstanceOf(io.mytts.InvalidInputException.class).hasMessageContaining("--resume");
        }
    }

    @Test
    void twoRunsAreIdenticalWhenTheCollectorRunsBeforeEachBackwardPass(@TempDir Path dir) throws Exception {
        TTSConfig cfg = config(constantLr(1e-2).optClipMode(ClipMode.GLOBAL).optMaxGradNorm(1));
        List<List<Double>> runs = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            List<StepMetrics> steps = new ArrayList<>();
            try (FakeTtsModel model = new FakeTtsModel(VOCAB, 16, BINS, 3)) {
                model.collectGarbage = true;
                trainer(model, new FakeCorpus(6, 2, VOCAB, BINS, 4), cfg, dir.resolve(name)).optMaxSteps(12)
                        .optListener(steps::add).build().run();
            }
            runs.add(steps.stream().map(StepMetrics::loss).toList());
        }
        assertThat(runs.get(0)).hasSize(12).doesNotHaveDuplicates();
        assertThat(runs.get(1)).containsExactlyElementsOf(runs.get(0));
    }

    static TrainBatch poisoned(TrainBatch b) {
        float[][][] mels = new float[b.size()][][];
        for (int i = 0; i < mels.length; i++) {
            mels[i] = Arrays.stream(b.mels()[i]).map(float[]::clone).toArray(float[][]::new);
        }
        mels[0][0][0] = Float.NaN;
        return new TrainBatch(b.tokens(), mels);
    }
}
