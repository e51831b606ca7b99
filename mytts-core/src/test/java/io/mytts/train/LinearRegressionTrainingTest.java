package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mytts.config.ClipMode;
import io.mytts.config.LrSchedule;
import io.mytts.config.TTSConfig;
import io.mytts.config.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop with a model that knows nothing of speech: docs/train.md's worked example. */
class LinearRegressionTrainingTest {

    static final int INPUTS = 3;

    private static TTSConfig config(TrainConfig.Builder train) {
        return TrainerTest.config(train.optClipMode(ClipMode.GLOBAL).optMaxGradNorm(10));
    }

    private static Trainer.Builder<LinearRegression.Batch> trainer(LinearRegression model, LinearData data,
            TTSConfig cfg, Path run, List<StepMetrics> steps) {
        return Trainer.builder().setModel(model).setData(data).setConfig(cfg).setRunFolder(run)
                .optTerminal(false).optStopSignal(StopSignal.manual()).optListener(steps::add)
                .optValidation(ValidationListener.lossesOnly());
    }

    /** An uninterrupted run of {@code steps} steps from the same start as the others. */
    private static List<StepMetrics> straight(TTSConfig cfg, Path run, long steps) throws Exception {
        List<StepMetrics> out = new ArrayList<>();
        try (LinearRegression model = new LinearRegression(INPUTS, 2)) {
            trainer(model, new LinearData(INPUTS, 3, 8, 1), cfg, run, out).optMaxSteps(steps).build().run();
        }
        return out;
    }

    @Test
    void theLoopFitsTheWeightsAndValidates(@TempDir Path run) throws Exception {
        TTSConfig cfg = config(TrainerTest.constantLr(0.05).optLrSchedule(LrSchedule.COSINE).optWarmupSteps(10)
                .optMaxSteps(300).optValidateEvery(100));
        List<StepMetrics> steps = new ArrayList<>();
        LinearData data = new LinearData(INPUTS, 4, 32, 1);
        float[] fitted;
        try (LinearRegression model = new LinearRegression(INPUTS, 2)) {
            trainer(model, data, cfg, run, steps).build().run();
            fitted = model.weights();
        }
        float[] truth = data.trueWeights();
        for (int i = 0; i < INPUTS; i++) {
            assertThat(fitted[i]).as("w[%d]", i).isCloseTo(truth[i], within(0.02f));
        }
        assertThat(steps.get(0).loss()).isGreaterThan(0.5);
        // The noise has a variance of 1e-4.
        assertThat(steps.get(299).loss()).isLessThan(1e-3);
        assertThat(steps.get(299).loss("abs_error")).isLessThan(0.03);
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertThat(lines).filteredOn(l -> l.contains("val_loss")).hasSize(3);
        assertThat(lines.get(0)).contains("\"loss\"", "\"abs_error\"", "\"grad_norm\"", "\"rss_mb\"");
        assertThat(new CheckpointManager(run, 1).best()).isPresent();
    }

    @Test
    void aResumedRunTakesExactlyTheStepsOfAnUninterruptedOne(@TempDir Path dir) throws Exception {
        TTSConfig cfg = config(TrainerTest.constantLr(0.05).optCheckpointEvery(7));
        List<StepMetrics> straight = straight(cfg, dir.resolve("a"), 20);
        List<StepMetrics> resumed = new ArrayList<>();
        StopSignal stop = StopSignal.manual();
        try (LinearRegression model = new LinearRegression(INPUTS, 2)) {
            trainer(model, new LinearData(INPUTS, 3, 8, 1), cfg, dir.resolve("b"), resumed).optMaxSteps(20)
                    .optStopSignal(stop).optListener(m -> {
                        if (m.step() == 10) {
                            stop.request();
                        }
                    }).build().run();
        }
        // Another process: other initial weights, a fresh data source.
        try (LinearRegression model = new LinearRegression(INPUTS, 99)) {
            trainer(model, new LinearData(INPUTS, 3, 8, 1), cfg, dir.resolve("b"), resumed).optResume(true)
                    .optMaxSteps(20).build().run();
        }
        assertThat(resumed).extracting(StepMetrics::step).containsExactlyElementsOf(
                straight.stream().map(StepMetrics::step).toList());
        assertThat(resumed).extracting(StepMetrics::loss).containsExactlyElementsOf(
                straight.stream().map(StepMetrics::loss).toList());
    }

    @Test
    void nonFiniteLossesAreSkippedThenRolledBack(@TempDir Path run) throws Exception {
        TTSConfig cfg = config(TrainerTest.constantLr(0.05).optCheckpointEvery(3).optMaxNonFiniteSteps(2)
                .optRollbackLrFactor(0.5));
        List<StepMetrics> steps = new ArrayList<>();
        List<float[]> weights = new ArrayList<>();
        LinearData data = new LinearData(INPUTS, 3, 8, 1);
        data.override = i -> i == 5 || i == 6 ? LinearData.poisoned(data.batch((i - 1) % 3)) : null;
        try (LinearRegression model = new LinearRegression(INPUTS, 2)) {
            trainer(model, data, cfg, run, steps).optMaxSteps(8).optListener(m -> weights.add(model.weights()))
                    .build().run();
        }
        assertThat(steps).extracting(StepMetrics::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 4L, 5L, 6L, 7L, 8L);
        assertThat(steps.get(4).skipped()).isTrue();
        assertThat(steps.get(4).loss()).isNaN();
        assertThat(weights.get(4)).containsExactly(weights.get(3));
        assertThat(steps.get(6).lr()).isCloseTo(0.025, within(1e-12));
        assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"event\":\"skipped\"", "\"event\":\"rollback\"");
    }

    @Test
    void aResumeSkipsATruncatedCheckpointAndSaysWhy(@TempDir Path dir) throws Exception {
        TTSConfig cfg = config(TrainerTest.constantLr(0.05).optCheckpointEvery(5));
        List<StepMetrics> straight = straight(cfg, dir.resolve("a"), 15);
        Path run = dir.resolve("b");
        straight(cfg, run, 10);
        CheckpointManager checkpoints = new CheckpointManager(run, 5);
        Path file = checkpoints.folder(10).resolve("linear.npz");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // a disk that filled up
        CheckpointManager.Intact intact = checkpoints.latestIntact().orElseThrow();
        assertThat(intact.step()).isEqualTo(5);
        assertThat(intact.skipped()).singleElement().asString()
                .startsWith("step-00000010: linear.npz (" + bytes.length / 2 + " bytes) differs");

        List<StepMetrics> resumed = new ArrayList<>();
        try (LinearRegression model = new LinearRegression(INPUTS, 99)) {
            trainer(model, new LinearData(INPUTS, 3, 8, 1), cfg, run, resumed).optResume(true).optMaxSteps(15)
                    .build().run();
        }
        assertThat(resumed).extracting(StepMetrics::step).startsWith(6L).endsWith(15L).hasSize(10);
        assertThat(resumed).extracting(StepMetrics::loss).containsExactlyElementsOf(
                straight.subList(5, 15).stream().map(StepMetrics::loss).toList());
        // The damaged step was trained again and written whole.
        assertThat(checkpoints.damage(checkpoints.folder(10))).isEmpty();
    }
}
