package io.mytts.server;

import static io.mytts.server.TestServers.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A full queue is refused with 429; shutdown finishes the requests in flight and refuses new ones. */
class LoadAndShutdownTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** About 25 s of speech: the worker is busy with it for seconds after its first sentence is sent. */
    private static final String LONG_TEXT = ("This sentence is one of many that keep the worker busy for a while. ").repeat(10);

    @Test
    void aFullQueueIsRefusedWith429AndRetryAfter() throws Exception {
        try (MyTTSServer server = TestServers.builder().optWorkers(1).optQueue(1).build().start()) {
            HttpResponse<InputStream> running = postJson(server, "/api/tts",
                    "{\"text\":\"" + LONG_TEXT + "\",\"format\":\"pcm\"}", HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream a = running.body()) {
                assertThat(a.readNBytes(2048)).hasSize(2048); // the only worker is speaking it
                CompletableFuture<HttpResponse<byte[]>> queued = TestServers.CLIENT.sendAsync(
                        java.net.http.HttpRequest.newBuilder(TestServers.uri(server, "/api/tts"))
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"Queued.\"}")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                awaitQueued(server, 1);
                HttpResponse<String> refused = postJson(server, "/api/tts", "{\"text\":\"One too many.\"}",
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(refused.body()).contains("busy");
                HttpResponse<String> mary = TestServers.get(server, "/process?INPUT_TEXT=Hi&INPUT_TYPE=TEXT"
                        + "&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_FILE&LOCALE=en_US");
                assertThat(mary.statusCode()).isEqualTo(429);
                a.close(); // the client goes away: its synthesis stops after the current sentence
                assertThat(queued.get(120, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            assertThat(TestServers.get(server, "/metrics").body()).contains("mytts_errors_total{kind=\"busy\"} 2.0");
        }
    }

    @Test
    void shutdownFinishesTheRequestInFlightAndRefusesNewOnes() throws Exception {
        MyTTSServer server = TestServers.builder().optWorkers(1).build().start();
        int port = server.port();
        HttpResponse<InputStream> running = postJson(server, "/api/tts",
                "{\"text\":\"First of three. Second of three. Third of three.\",\"format\":\"ndjson\"}",
                HttpResponse.BodyHandlers.ofInputStream());
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(running.body(), StandardCharsets.UTF_8))) {
            events.add(JSON.readTree(in.readLine())); // the first sentence is out; two are still to come
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            awaitStatus(server, "stopping");
            HttpResponse<String> refused = postJson(server, "/api/tts", "{\"text\":\"Too late.\"}",
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("shutting down");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                events.add(JSON.readTree(line));
            }
            closing.get(120, TimeUnit.SECONDS);
        }
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("sentence", "sentence", "sentence", "done");
        assertThatThrownBy(() -> TestServers.CLIENT.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    /** Polls /health (at most 2,000 times, 10 ms apart) until {@code n} requests wait in the queue. */
    private static void awaitQueued(MyTTSServer server, int n) throws IOException, InterruptedException {
        for (int i = 0; i < 2000; i++) {
            if (JSON.readTree(TestServers.get(server, "/health").body()).get("queued").asInt() >= n) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no request was queued");
    }

    private static void awaitStatus(MyTTSServer server, String status) throws IOException, InterruptedException {
        for (int i = 0; i < 2000; i++) {
            if (JSON.readTree(TestServers.get(server, "/health").body()).get("status").asText().equals(status)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the server never reported " + status);
    }
}
