package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mytts serve}: its help and its refusals of bad options (exit status 2, one clear line). */
class ServeCommandTest {

    @Test
    void helpNamesEveryOptionAndTheApis() {
        CliTest.Run r = CliTest.run("serve", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--host", "--port", "--voices", "--workers", "--queue", "--max-chars", "--timeout",
                "--cors", "/process", "/v1/audio/speech", "/api/tts", "/metrics");
    }

    @Test
    void badOptionsExitWithStatus2() {
        CliTest.Run workers = CliTest.run("serve", "--workers", "0");
        assertThat(workers.status()).isEqualTo(2);
        assertThat(workers.err()).contains("--workers must be between 1 and 64").doesNotContain("at io.mytts");
        CliTest.Run cors = CliTest.run("serve", "--cors", "*");
        assertThat(cors.status()).isEqualTo(2);
        assertThat(cors.err()).contains("--cors must be an origin");
        CliTest.Run port = CliTest.run("serve", "--port", "http");
        assertThat(port.status()).isEqualTo(2);
    }

    @Test
    void benchTakesAVoiceAndRefusesABlankOne() {
        assertThat(CliTest.run("serve", "bench", "--help").out()).contains("--voice=NAME", "--warmup", "--malformed");
        CliTest.Run blank = CliTest.run("serve", "bench", "--voice", " ", "--url", "http://127.0.0.1:9/");
        assertThat(blank.status()).isEqualTo(2);
        assertThat(blank.err()).contains("--voice must name a voice").doesNotContain("at io.mytts");
    }

    @Test
    void aFolderWithoutVoicesExitsWithStatus2(@TempDir Path empty) {
        CliTest.Run r = CliTest.run("serve", "--port", "0", "--voices", empty.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no voice in " + empty);
    }
}
