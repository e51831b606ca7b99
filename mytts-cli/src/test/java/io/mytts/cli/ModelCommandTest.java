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
    void infoCountsAForwardPresetsParts() {
        StringWriter out = new StringWriter();
        assertThat(run(out, new StringWriter(), "model", "info", "--preset", "forward-small", "--vocab-size", "70"))
                .isZero();
        // The forward-small model with 70 symbols: 70 x 192 embedding; 4,960,677 in all (1,728 of them token positions).
        assertThat(out.toString()).contains("preset forward-small: forward model").containsPattern("embedding\\s+13,440\\b")
                .containsPattern("variance_adaptor\\s+669,123\\b").containsPattern("total\\s+4,960,677\\b");
    }

    @Test
    void unknownPresetIsABadInput() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "model", "info", "--preset", "huge")).isEqualTo(2);
    }

    @Test
    void benchMeasuresDecodingOfAConfigFile() throws Exception {
        java.nio.file.Path config = java.nio.file.Files.createTempFile("bench", ".json");
        java.nio.file.Files.writeString(config, "{\"model\": {\"num_layers\": 1, \"d_model\": 32, \"num_heads\": 2,"
                + " \"dff\": 64, \"reduction_factor\": 3}}");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        int status;
        try {
            System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
            status = run(new StringWriter(), new StringWriter(), "model", "bench", "--config", config.toString(),
                    "--preset", "tiny", "--steps", "3", "--runs", "1");
        } finally {
            System.setOut(stdout);
            java.nio.file.Files.delete(config);
        }
        assertThat(status).isZero();
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("1 layers, d_model 32, 2 heads, dff 64, r 3")
                .containsPattern("decode batch 1, 3 steps x 1 runs: [0-9.]+ ms/step wall, [0-9.]+ ms/step CPU");
    }

    @Test
    void benchMeasuresTheForwardModelsRealTimeFactor() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        int status;
        try {
            System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
            status = run(new StringWriter(), new StringWriter(), "model", "bench", "--model", "forward",
                    "--preset", "forward-tiny", "--tokens", "12", "--batch", "2", "--runs", "1");
        } finally {
            System.setOut(stdout);
        }
        assertThat(status).isZero();
        // Random weights with durations near the corpus's 5 frames per token: about 60 frames a text.
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
                .containsPattern("forward forward-tiny \\(random weights\\), 1 text\\(s\\) of 12 tokens \\([0-9]+ frames"
                        + " each\\): [0-9.]+ ms per call, real-time factor [0-9.]+ \\(median of 1\\)")
                .contains("2 text(s) of 12 tokens");
    }

    @Test
    void benchRefusesAVoiceAndAConfigTogether() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "model", "bench", "--voice", "voices/slt", "--config", "x.json"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--voice or --config, not both");
    }
}
