package io.mytts.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void aLineHasTheCountsRateEtaAndMessage() {
        Progress p = Progress.steps("train", 0, 100, false, new PrintStream(new ByteArrayOutputStream()));
        p.stepTo(10);
        p.setMessage("loss 1.0");
        assertThat(p.line()).startsWith("train 10/100 (10.0%) ").contains(" steps/s ETA ").endsWith(" loss 1.0");
        assertThat(Progress.formatDuration(3725)).isEqualTo("1:02:05");
    }

    @Test
    void withoutATerminalATaskOfStepsWritesItsLineWhenAskedAndAResumedOneCountsFromItsFirstStep() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Progress p = Progress.steps("train", 40, 100, false, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            p.stepTo(41);
            assertThat(out.size()).isZero();
            p.stepTo(50);
            p.logLine();
        }
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("train 50/100 (50.0%)");
    }

    @Test
    void aTaskOfItemsWritesItsLastLineWhenItEnds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Progress p = Progress.console("prepare", 3, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            p.step();
            p.step();
            p.step();
        }
        // Not a terminal under the test runner: lines, the last when the task ends.
        assertThat(out.toString(StandardCharsets.UTF_8).lines().reduce((a, b) -> b)).hasValueSatisfying(
                last -> assertThat(last).startsWith("prepare 3/3 (100.0%) ").contains(" items/s ETA "));
    }
}
