package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelCommandTest {

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = MyTTSCommand.newCommandLine(false);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void infoPrintsTheParameterCountsOfAPreset() {
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "model", "info", "--preset", "tiny", "--vocab-size", "10")).isZero();
        // Embedding of the tiny preset: 10 symbols x d_model 64.
        assertThat(out.toString()).contains("preset tiny").containsPattern("embedding\\s+640\\b")
                .containsPattern("total\\s+[0-9,]+");
    }

    @Test
    void unknownPresetIsABadInput() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "model", "info", "--preset", "huge")).isEqualTo(2);
    }
}
