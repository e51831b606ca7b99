package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mytts.config.LrSchedule;
import io.mytts.config.TrainConfig;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void noamRisesLinearlyPeaksAtWarmupThenDecaysAsInverseSqrt() {
        LearningRateSchedule s = LearningRateSchedule.noam(1e-3, 100);
        assertThat(s.at(1)).isCloseTo(1e-5, within(1e-12));
        assertThat(s.at(50)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.at(100)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.at(400)).isCloseTo(5e-4, within(1e-12)); // sqrt(100/400) = 1/2
    }

    @Test
    void cosineWarmsUpThenFallsToTheFloor() {
        LearningRateSchedule s = LearningRateSchedule.warmupCosine(1e-3, 1e-5, 10, 110);
        assertThat(s.at(5)).isCloseTo(5e-4, within(1e-12));
        assertThat(s.at(10)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.at(60)).isCloseTo(1e-5 + (1e-3 - 1e-5) / 2, within(1e-12)); // halfway
        assertThat(s.at(110)).isCloseTo(1e-5, within(1e-12));
        assertThat(s.at(1000)).isCloseTo(1e-5, within(1e-12));
    }

    @Test
    void constantAndConfigSelection() {
        TrainConfig c = TrainConfig.builder().optLrSchedule(LrSchedule.CONSTANT).optLearningRate(3e-4).build();
        assertThat(LearningRateSchedule.of(c).at(1)).isEqualTo(3e-4);
        assertThat(LearningRateSchedule.of(c).at(99_999)).isEqualTo(3e-4);
        TrainConfig n = c.toBuilder().optLrSchedule(LrSchedule.NOAM).optWarmupSteps(10).build();
        assertThat(LearningRateSchedule.of(n).at(10)).isCloseTo(3e-4, within(1e-12));
        assertThat(LearningRateSchedule.of(n).at(40)).isCloseTo(1.5e-4, within(1e-12));
    }
}
