package io.mytts.server;

import static io.mytts.server.TestServers.postJson;
import static io.mytts.server.TestServers.rms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.audio.WavIO;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native API: audio streamed per sentence, alignment and real-time factor with it. */
class NativeApiTest extends ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIVE_SENTENCES = "The first sentence is here. The second one follows it. "
            + "Then comes a third. A fourth is spoken too. And the fifth ends it.";

    @Test
    void theFirstSentenceArrivesWhileTheRestIsStillBeingMade() throws Exception {
        HttpResponse<InputStream> r = postJson(server, "/api/tts", "{\"text\":\"" + FIVE_SENTENCES + "\",\"format\":\"pcm\"}",
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Sample-Rate")).hasValue("22050");
        try (InputStream in = r.body()) {
            byte[] first = in.readNBytes(2048); // part of the first sentence
            assertThat(first).hasSize(2048);
            // The worker is still speaking the later sentences: the audio came before the end.
            JsonNode health = JSON.readTree(TestServers.get(server, "/health").body());
            assertThat(health.get("busy_workers").asInt()).isEqualTo(1);
            byte[] rest = in.readAllBytes();
            assertThat(first.length + rest.length).isGreaterThan(22050 * 2 * 3); // over 3 s of speech
        }
    }

    @Test
    void ndjsonCarriesEachSentenceWithItsAlignmentThenTheSummary() throws Exception {
        List<JsonNode> events = ndjson(
                "{\"text\":\"Hello there. How are you today?\",\"voice\":\"slt\",\"format\":\"ndjson\",\"seed\":3}");
        assertThat(events).hasSize(3);
        for (int i = 0; i < 2; i++) {
            JsonNode s = events.get(i);
            assertThat(s.get("type").asText()).isEqualTo("sentence");
            assertThat(s.get("index").asInt()).isEqualTo(i);
            assertThat(s.get("alignment").size()).isPositive();
            assertThat(s.get("alignment").get(0).size()).isEqualTo(s.get("text").asText().length() + 1); // + end token
            assertThat(s.get("warnings").isArray()).isTrue();
            byte[] pcm = Base64.getDecoder().decode(s.get("audio").asText());
            assertThat(pcm.length).isGreaterThan(4000);
        }
        JsonNode done = events.get(2);
        assertThat(done.get("type").asText()).isEqualTo("done");
        assertThat(done.get("sentences").asInt()).isEqualTo(2);
        assertThat(done.get("real_time_factor").asDouble()).isPositive();
    }

    @Test
    void wavStreamIsReadableAndTrailersCarryTheRealTimeFactor() throws Exception {
        String body = "{\"text\":\"Hello there. How are you?\"}";
        assertThat(trailersOf(body)).containsPattern("X-MyTTS-RTF: [0-9.]+").contains("X-MyTTS-Warnings: ");
        HttpResponse<byte[]> r = postJson(server, "/api/tts", body, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(rms(WavIO.read(r.body(), "stream").samples())).isGreaterThan(0.005);
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        assertRefused("{\"text\":\"" + "a".repeat(MAX_CHARS + 1) + "\"}", 413, "text");
        assertRefused("{\"text\":\"Hi.\",\"temperature\":0.5}", 400, "temperature");
        assertRefused("{\"text\":\"Hi.\",\"format\":\"flac\"}", 400, "format");
        assertRefused("{\"text\":\"Hi.\",\"speaker\":2}", 400, "speaker");
        assertRefused("{\"text\":\"Hi.\",\"speaker\":\"bob\"}", 400, "speaker");
        assertRefused("{\"text\":\"Hi.\",\"speaker\":true}", 400, "speaker");
        assertRefused("{\"text\":\"Hi.\",\"seed\":1.5}", 400, "seed");
        assertRefused("{\"text\":\"   \"}", 400, "text");
        assertRefused("{\"text\":\"\u4f60\u597d\"}", 400, "text"); // nothing this voice can say
        assertRefused("not json", 400, "body");
        // Persian text and no Persian voice loaded: refused, naming both languages.
        assertRefused("{\"text\":\"\u0633\u0644\u0627\u0645 \u062f\u0646\u06cc\u0627\"}", 400, "text");
        assertRefused("{\"text\":\"<speak>Hi.\",\"ssml\":true}", 400, "text");
        assertRefused("{\"text\":\"Hi.\",\"ssml\":\"yes\"}", 400, "ssml");
        // The limit counts the whole document, markup included: it is checked before anything parses it.
        assertRefused("{\"text\":\"<speak>Hi.<break time=\\\"1s\\\"/>" + " ".repeat(MAX_CHARS) + "</speak>\",\"ssml\":true}",
                413, "text");
    }

    @Test
    void ssmlIsStreamedWithItsBreaksAndTheSummaryReportsMarksAndUnsupportedElements() throws Exception {
        String ssml = "<speak>Hello there. <mark name=\\\"after-hello\\\"/><break time=\\\"700ms\\\"/>"
                + "<foo>Goodbye.</foo></speak>";
        List<JsonNode> events = ndjson("{\"text\":\"" + ssml + "\",\"ssml\":true,\"format\":\"ndjson\",\"seed\":3}");
        JsonNode done = events.get(events.size() - 1);
        assertThat(done.get("type").asText()).isEqualTo("done");
        assertThat(done.get("sentences").asInt()).isEqualTo(2);
        // Every sample of the request, the break's silence included, went out in the events.
        long samples = events.stream().filter(e -> e.has("audio"))
                .mapToLong(e -> Base64.getDecoder().decode(e.get("audio").asText()).length / 2).sum();
        assertThat(samples).isCloseTo(Math.round(done.get("seconds").asDouble() * 22050), within(1L));
        JsonNode marks = done.get("marks");
        assertThat(marks).hasSize(1);
        assertThat(marks.get(0).get("name").asText()).isEqualTo("after-hello");
        // The mark is where the speech after the break begins: after the first sentence and the 0.7 s.
        double firstSeconds = events.get(0).get("seconds").asDouble();
        assertThat(marks.get(0).get("time").asDouble()).isGreaterThan(0.7).isLessThan(firstSeconds + 0.7 + 0.01)
                .isLessThan(done.get("seconds").asDouble());
        assertThat(done.get("warnings").toString()).contains("<foo> is not supported");
    }

    @Test
    void ssmlTrailersCarryTheMarks() throws Exception {
        String body = "{\"text\":\"<speak>Hi. <mark name=\\\"end\\\"/></speak>\",\"ssml\":true,\"format\":\"pcm\"}";
        String trailer = trailersOf(body);
        assertThat(trailer).containsPattern("X-MyTTS-Marks: end=[0-9.]+").contains("X-MyTTS-Warnings: none");
    }

    @Test
    void ssmlWithAnExternalEntityIsRefusedAndNoFileIsRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        String ssml = "<?xml version=\\\"1.0\\\"?><!DOCTYPE speak [<!ENTITY x SYSTEM \\\"" + secret.toUri()
                + "\\\">]><speak>&x;</speak>";
        HttpResponse<String> r = postJson(server, "/api/tts", "{\"text\":\"" + ssml + "\",\"ssml\":true}",
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"text\"", "line 1, column", "DOCTYPE").doesNotContain("TOP-SECRET-42");
    }

    private static List<JsonNode> ndjson(String json) throws Exception {
        HttpResponse<InputStream> r = postJson(server, "/api/tts", json, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    /** The trailer part of a raw HTTP/1.1 response to a request that asks for trailers. */
    private static String trailersOf(String body) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/tts HTTP/1.1\r\nHost: localhost\r\nTE: trailers\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(raw).startsWith("HTTP/1.1 200");
            assertThat(raw).containsIgnoringCase("Transfer-Encoding: chunked");
            return raw.substring(raw.lastIndexOf("\r\n0\r\n"));
        }
    }

    private static void assertRefused(String json, int status, String field) throws Exception {
        HttpResponse<String> r = postJson(server, "/api/tts", json, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(json).isEqualTo(status);
        assertThat(r.body()).as(json).contains("\"field\":\"" + field + "\"").doesNotContain("\tat ");
    }

    @Test
    void voicesComeWithTheirModelCards() throws Exception {
        JsonNode voices = JSON.readTree(TestServers.get(server, "/api/voices").body());
        assertThat(voices).hasSize(1);
        JsonNode v = voices.get(0);
        assertThat(v.get("name").asText()).isEqualTo("slt");
        assertThat(v.get("sample_rate").asInt()).isEqualTo(22050);
        assertThat(v.get("model_card").asText()).contains("slt");
        assertThat(v.get("provenance").isObject()).isTrue();
        assertThat(v.get("speakers").toString()).isEqualTo("[\"0\"]"); // the values "speaker" takes
    }

    @Test
    void healthAndMetricsSpeakForOperations() throws Exception {
        HttpResponse<String> health = TestServers.get(server, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("ready");
        postJson(server, "/api/tts", "{\"text\":\"Hi.\",\"format\":\"pcm\"}", HttpResponse.BodyHandlers.ofByteArray());
        postJson(server, "/api/tts", "{\"text\":5}", HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = TestServers.get(server, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body()).contains("mytts_http_requests_total{endpoint=\"/api/tts\",status=\"200\"}",
                "mytts_http_requests_total{endpoint=\"/api/tts\",status=\"400\"}", "mytts_queue_depth 0",
                "mytts_http_request_duration_seconds_bucket{endpoint=\"/api/tts\"", "mytts_real_time_factor_count",
                "mytts_first_audio_seconds_count", "mytts_errors_total{kind=\"bad_request\"}",
                "process_resident_memory_bytes", "jvm_memory_used_bytes");
    }
}
