package io.mytts.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Servers on a free loopback port with the bundled voice (voices/slt: real speech, 7.7 MB), and a client. */
final class TestServers {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServers() {}

    /** The bundled voice folder of the repository. */
    static Path bundledVoice() {
        Path repo = Path.of(System.getProperty("mytts.repo.dir", "..")).toAbsolutePath().normalize();
        Path voice = repo.resolve("voices").resolve("slt");
        if (!Files.isRegularFile(voice.resolve("voice.json"))) {
            throw new IllegalStateException("the bundled voice is missing: " + voice);
        }
        return voice;
    }

    static MyTTSServer.Builder builder() {
        return MyTTSServer.builder().setVoices(bundledVoice()).optHost("127.0.0.1").optPort(0);
    }

    static URI uri(MyTTSServer server, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    static HttpResponse<String> get(MyTTSServer server, String pathAndQuery) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(server, pathAndQuery)).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> getBytes(MyTTSServer server, String pathAndQuery) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(server, pathAndQuery)).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static <T> HttpResponse<T> postJson(MyTTSServer server, String path, String json, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), handler);
    }

    /** Root mean square of samples. */
    static double rms(float[] samples) {
        double sum = 0;
        for (float s : samples) {
            sum += s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }
}
