package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command line as a user runs it: a separate JVM started at {@link MyTTSCommand#main}, as the
 * launcher's jar starts it, read through its real stdout. The in-process tests hand picocli a
 * writer of their own, so they could not see output that never reached stdout (it was buffered and
 * lost at {@code System.exit}).
 */
class ProcessCliTest {

    record Result(int status, String out, String err) {}

    static Result mytts(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), MyTTSCommand.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        // A guard against a hung child, not a measurement: generous on a loaded machine.
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mytts " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void configShowReachesStdout() throws Exception {
        Result r = mytts("config", "show", "--preset", "normal");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"d_model\" : 512").contains("\"sample_rate\" : 22050").endsWith("}\n");
        Result described = mytts("config", "show", "--preset", "tiny", "--describe");
        assertThat(described.out()).contains("model.d_model").contains("model width").contains("train.seed");
    }

    @Test
    void textNormalizeReachesStdout() throws Exception {
        Result r = mytts("text", "normalize", "--lang", "en", "Dr. Smith paid $3.50.");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).containsIgnoringCase("doctor smith paid three dollars");
    }

    @Test
    void modelInfoReachesStdout() throws Exception {
        Result r = mytts("model", "info", "--preset", "tiny");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("preset tiny: 2 layers, d_model 64").contains("total");
    }

    @Test
    void voiceInfoOfTheBundledVoiceReachesStdout() throws Exception {
        Path slt = Path.of(System.getProperty("mytts.repo.dir", ".."), "voices", "slt");
        Result r = mytts("voice", "info", slt.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("voice slt").contains("characters, en").contains("window   3 tokens ahead");
    }

    @Test
    void badInputReachesStderrWithStatusTwo() throws Exception {
        Result r = mytts("config", "show", "--preset", "huge");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown preset 'huge'");
        assertThat(r.out()).isEmpty();
    }
}
