package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the command line in-process and checks output and exit status. */
class CliTest {

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = MyTTSCommand.newCommandLine(false);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpListsSubcommands() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("say").contains("config");
    }

    @Test
    void eachSubcommandHasHelp() {
        CommandLine cl = MyTTSCommand.newCommandLine(false);
        for (String name : cl.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            Run r = run(name, "--help");
            assertThat(r.status()).as(name).isZero();
            assertThat(r.out()).as(name).contains("Usage:");
        }
    }

    @Test
    void configShowPrintsThePreset() {
        Run r = run("config", "show", "--preset", "normal");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("\"d_model\" : 512").contains("\"num_layers\" : 8")
                .contains("\"sample_rate\" : 22050");
    }

    @Test
    void unknownPresetIsBadInput() {
        Run r = run("config", "show", "--preset", "huge");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown preset 'huge'").doesNotContain("at io.mytts");
    }

    @Test
    void validateAcceptsAGoodFileAndNamesTheBadKey(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.json");
        Files.writeString(good, "{\"model\": {\"num_layers\": 2, \"activation\": \"swiglu\"}}");
        Run ok = run("config", "validate", good.toString());
        assertThat(ok.status()).isZero();
        assertThat(ok.out()).contains("valid").contains("\"activation\" : \"swiglu\"");

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"model\": {\"num_layerz\": 2}}");
        Run r = run("config", "validate", bad.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json").contains("num_layerz");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void missingFileIsBadInput(@TempDir Path dir) {
        Run r = run("config", "validate", dir.resolve("absent.json").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("absent.json").contains("no such file");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("config", "show", "--colour");
        assertThat(r.status()).isEqualTo(2);
    }
}
