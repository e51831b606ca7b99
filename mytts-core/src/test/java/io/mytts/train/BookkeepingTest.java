package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookkeepingTest {

    @Test
    void residentMemoryIsReadFromTheStatusText() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  204800 kB\nThreads: 3\n";
        assertThat(ResidentMemory.parseVmRssKb(status)).isEqualTo(204800);
        assertThat(ResidentMemory.parseVmRssKb("Name: x\n")).isEqualTo(-1024);
        assertThat(ResidentMemory.megabytes()).isGreaterThan(1);
        assertThat(ResidentMemory.trimNativeHeap()).as("JDK 17.0.9+ on Linux has System.trim_native_heap").isTrue();
    }

    @Test
    void guardSkipsThenAsksForARollbackAfterKInARow() {
        NonFiniteGuard g = new NonFiniteGuard(3);
        assertThat(g.check(1.0, 2.0)).isEqualTo(NonFiniteGuard.Verdict.APPLY);
        assertThat(g.check(Double.NaN, 2.0)).isEqualTo(NonFiniteGuard.Verdict.SKIP);
        assertThat(g.check(1.0, Double.POSITIVE_INFINITY)).isEqualTo(NonFiniteGuard.Verdict.SKIP);
        assertThat(g.check(1.0, 1.0)).isEqualTo(NonFiniteGuard.Verdict.APPLY); // streak broken
        g.check(Double.NaN, 0);
        g.check(Double.NaN, 0);
        assertThat(g.check(Double.NaN, 0)).isEqualTo(NonFiniteGuard.Verdict.ROLL_BACK);
        assertThat(g.skippedTotal()).isEqualTo(5);
    }

    @Test
    void trainingStateRoundTrips(@TempDir Path dir) throws Exception {
        TrainingState s = new TrainingState(42, 7, 0.25, 2, IntNode.valueOf(17), List.of(1.5, 2.5), 9000, 3600.5);
        s.write(dir);
        assertThat(TrainingState.read(dir)).isEqualTo(s);
        // A state written before training time was kept reads as no time.
        java.nio.file.Files.writeString(dir.resolve(TrainingState.FILE),
                "{\"format\":1,\"step\":5,\"seed\":1,\"data_position\":0}");
        assertThat(TrainingState.read(dir).trainingSeconds()).isZero();
    }

    @Test
    void stepSeedsDifferAcrossStepsAndRepeatForTheSameStep() {
        assertThat(Trainer.stepSeed(1234, 5)).isEqualTo(Trainer.stepSeed(1234, 5));
        assertThat(Trainer.stepSeed(1234, 5)).isNotEqualTo(Trainer.stepSeed(1234, 6));
        assertThat(Trainer.stepSeed(1234, 5)).isNotEqualTo(Trainer.stepSeed(1235, 5));
        assertThat(Trainer.stepSeed(1234, 5)).isNotNegative();
    }

    @Test
    void learningCurvesAreDrawnFromTheMetrics(@TempDir Path run) throws Exception {
        java.nio.file.Files.writeString(run.resolve("metrics.jsonl"), String.join("\n",
                "{\"step\":10,\"loss\":2.0,\"mel_loss\":1.0,\"diagonality\":0.1}",
                "{\"step\":10,\"event\":\"skipped\"}",
                "{\"step\":20,\"loss\":1.5,\"mel_loss\":0.8,\"diagonality\":0.4}",
                "{\"step\":20,\"val_loss\":1.7,\"val_mel_loss\":0.9,\"val_diagonality\":0.3}"));
        LearningCurves.write(run);
        assertThat(javax.imageio.ImageIO.read(run.resolve("loss.png").toFile()).getWidth()).isEqualTo(900);
        assertThat(javax.imageio.ImageIO.read(run.resolve("diagonality.png").toFile())).isNotNull();
    }
}
