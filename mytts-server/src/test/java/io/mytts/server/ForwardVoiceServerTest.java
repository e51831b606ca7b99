package io.mytts.server;

import static io.mytts.server.TestServers.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.data.ProsodyStore;
import io.mytts.forward.ForwardTTS;
import io.mytts.synth.VoicePackager;
import io.mytts.text.Language;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A forward voice (untrained, tiny) beside the bundled autoregressive one: speed in the OpenAI API, speed and pitch in the native one. */
class ForwardVoiceServerTest {

    @TempDir
    static Path voices;
    static MyTTSServer server;

    @BeforeAll
    static void start() throws Exception {
        TTSConfig c = Presets.config("forward-tiny");
        AudioConfig audio = new AudioConfig(16000, 256, 64, 256, 20, 0, 8000, 1e-5);
        SymbolTable symbols = SymbolTable.characters(Language.EN);
        try (NDManager m = NDManager.newBaseManager();
                ForwardTTS model = new ForwardTTS(c.model(), c.forward(), symbols.size(), audio.nMels(),
                        new ProsodyStore.SpeakerStats(5.1, 0.07, 3.2, 1.9), m, 9)) {
            model.parameters().get("variance.duration.out.bias").set(new float[] {(float) Math.log1p(4)});
            VoicePackager.builder().setName("fwd").optTextSettings(TextSettings.englishCharacters()).optAudioConfig(audio)
                    .build().fromModel(model, symbols, voices.resolve("fwd"));
        }
        Files.createSymbolicLink(voices.resolve("slt"), TestServers.bundledVoice());
        server = MyTTSServer.builder().setVoices(voices).optHost("127.0.0.1").optPort(0).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static float[] openAi(double speed) throws Exception {
        HttpResponse<byte[]> r = postJson(server, "/v1/audio/speech", "{\"model\":\"tts-1\",\"input\":\"Good evening,"
                + " my friend.\",\"voice\":\"fwd\",\"speed\":" + speed + "}", HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        return WavIO.read(r.body(), "response").samples();
    }

    @Test
    void openAiSpeedReachesAForwardVoice() throws Exception {
        double ratio = openAi(2.0).length / (double) openAi(1.0).length;
        assertThat(ratio).isCloseTo(0.5, within(0.05));
    }

    private static float[] nativeTts(String extra) throws Exception {
        HttpResponse<InputStream> r = postJson(server, "/api/tts", "{\"text\":\"Good evening, my friend.\","
                + "\"voice\":\"fwd\"" + extra + "}", HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readAllBytes();
        }
        assertThat(r.statusCode()).as(new String(body)).isEqualTo(200);
        return WavIO.read(body, "stream").samples();
    }

    @Test
    void theNativeApiTakesSpeedAndPitch() throws Exception {
        float[] plain = nativeTts("");
        float[] slow = nativeTts(",\"speed\":0.5");
        float[] higher = nativeTts(",\"pitch\":2");
        assertThat(slow.length / (double) plain.length).isCloseTo(2.0, within(0.1));
        assertThat(higher).hasSameSizeAs(plain).isNotEqualTo(plain);
    }

    @Test
    void theVoiceListSaysWhichVoicesAreForward() throws Exception {
        JsonNode voices = new ObjectMapper().readTree(TestServers.get(server, "/api/voices").body());
        Map<String, String> kinds = new HashMap<>();
        voices.forEach(v -> kinds.put(v.get("name").asText(), v.get("kind").asText()));
        assertThat(kinds).containsEntry("fwd", "forward").containsEntry("slt", "autoregressive");
    }

    private static ServerBenchmark.Builder bench() {
        return ServerBenchmark.builder().setUrl(TestServers.uri(server, "/")).optStreamText("Hi.").optStreamRepeats(1);
    }

    @Test
    void theBenchmarkSpeaksWithTheVoiceItNames() throws Exception {
        // fwd (16 kHz) is the server's first voice; slt speaks at 22,050 Hz.
        assertThat(bench().build().streaming().get(0).sampleRate()).isEqualTo(16000);
        ServerBenchmark slt = bench().optVoice("slt").build();
        slt.awaitReady(Duration.ofSeconds(10));
        assertThat(slt.streaming().get(0).sampleRate()).isEqualTo(22050);
        ServerBenchmark.SoakReport soak = bench().optVoice("fwd").optRequests(12).optClients(3).optWarmup(0)
                .optMalformedShare(0.3).optSeed(2).build().soak();
        assertThat(soak.statuses()).containsEntry(400, soak.malformed()).containsEntry(200, 12 - soak.malformed());
    }

    @Test
    void theBenchmarkRefusesAVoiceTheServerLacks() {
        ServerBenchmark bench = bench().optVoice("nobody").build();
        assertThatThrownBy(() -> bench.awaitReady(Duration.ofSeconds(10)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no voice nobody")
                .hasMessageContaining("fwd, slt");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/v1/audio/speech|{\"input\":\"Hi.\",\"voice\":\"fwd\",\"speed\":3.0}|speed|speed must be between 0.5 and 2.0",
        "/v1/audio/speech|{\"input\":\"Hi.\",\"voice\":\"slt\",\"speed\":1.5}|speed|only forward voices have it",
        "/api/tts|{\"text\":\"Hi.\",\"voice\":\"fwd\",\"pitch\":20}|pitch|pitch must be between -12 and 12",
        "/api/tts|{\"text\":\"Hi.\",\"voice\":\"fwd\",\"speed\":0.1}|speed|speed must be between",
        "/api/tts|{\"text\":\"Hi.\",\"voice\":\"slt\",\"speed\":1.5}|speed|only forward voices have speed and pitch",
        "/api/tts|{\"text\":\"Hi.\",\"voice\":\"slt\",\"pitch\":2}|pitch|only forward voices have speed and pitch"})
    void speedAndPitchOutOfRangeOrOnAnAutoregressiveVoiceGet400(String path, String json, String field, String message)
            throws Exception {
        HttpResponse<String> r = postJson(server, path, json, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"" + field + "\"").contains(message);
    }
}
