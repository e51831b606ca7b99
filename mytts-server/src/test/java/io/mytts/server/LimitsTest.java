package io.mytts.server;

import static io.mytts.server.TestServers.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time limits, CORS, and the refusals of bad server options. */
class LimitsTest {

    @Test
    void aRequestOverItsTimeoutGets504() throws Exception {
        try (MyTTSServer server = TestServers.builder().optTimeout(Duration.ofMillis(1)).build().start()) {
            HttpResponse<String> r = postJson(server, "/api/tts", "{\"text\":\"No sentence is made in a millisecond.\"}",
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(r.body()).contains("did not finish within");
        }
    }

    @Test
    void corsIsOffUnlessAnOriginIsGiven() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Origin", "https://example.org");
        try (MyTTSServer closed = TestServers.builder().build().start()) {
            HttpResponse<String> r = TestServers.CLIENT.send(request.uri(TestServers.uri(closed, "/api/voices")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        try (MyTTSServer open = TestServers.builder().optCorsOrigin("https://example.org").build().start()) {
            HttpResponse<String> r = TestServers.CLIENT.send(request.uri(TestServers.uri(open, "/api/voices")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://example.org");
        }
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingStarts(@TempDir Path empty) {
        assertThatThrownBy(() -> MyTTSServer.builder().setVoices(empty).optQueue(-1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--queue");
        assertThatThrownBy(() -> MyTTSServer.builder().build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--voices");
        assertThatThrownBy(() -> MyTTSServer.builder().setVoices(empty).optPort(0).build().start())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no voice in");
    }

    @Test
    void aTakenPortIsAClearError() {
        try (MyTTSServer first = TestServers.builder().build().start()) {
            assertThatThrownBy(() -> TestServers.builder().optPort(first.port()).build().start())
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
        }
    }
}
