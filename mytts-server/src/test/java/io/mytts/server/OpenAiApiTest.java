package io.mytts.server;

import static io.mytts.server.TestServers.postJson;
import static io.mytts.server.TestServers.rms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import java.io.InputStream;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server as OpenAI's speech API clients call it. */
class OpenAiApiTest extends ServerTest {


    @Test
    void speechReturnsAWavFileForAnOpenAiVoiceName() throws Exception {
        HttpResponse<byte[]> r = postJson(server, "/v1/audio/speech",
                "{\"model\":\"tts-1\",\"input\":\"Good evening.\",\"voice\":\"alloy\",\"response_format\":\"wav\"}",
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(r.headers().firstValue("Content-Length")).hasValue(String.valueOf(r.body().length));
        AudioClip clip = WavIO.read(r.body(), "response");
        assertThat(clip.sampleRate()).isEqualTo(22050);
        assertThat(rms(clip.samples())).isGreaterThan(0.005);
    }

    @Test
    void pcmIsRawSamplesWithTheRateInAHeader() throws Exception {
        HttpResponse<byte[]> r = postJson(server, "/v1/audio/speech",
                "{\"model\":\"tts-1\",\"input\":\"Good evening.\",\"voice\":\"slt\",\"response_format\":\"pcm\",\"speed\":1.0}",
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Sample-Rate")).hasValue("24000"); // OpenAI's pcm rate
        assertThat(r.body().length % 2).isZero();
        assertThat(new String(r.body(), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1)).isNotEqualTo("RIFF");
        // The same speech as a WAV at the voice's 22,050 Hz: as long, in 24,000/22,050 times the samples.
        HttpResponse<byte[]> wav = postJson(server, "/v1/audio/speech",
                "{\"model\":\"tts-1\",\"input\":\"Good evening.\",\"voice\":\"slt\",\"response_format\":\"wav\"}",
                HttpResponse.BodyHandlers.ofByteArray());
        AudioClip clip = WavIO.read(wav.body(), "wav");
        assertThat(r.body().length / 2).isCloseTo((int) Math.round(clip.samples().length * 24000.0 / 22050), within(2));
    }

    @Test
    void streamedSpeechIsAWavStreamOfEverySentence() throws Exception {
        HttpResponse<InputStream> r = postJson(server, "/v1/audio/speech",
                "{\"model\":\"tts-1\",\"input\":\"One. Two. Three.\",\"voice\":\"slt\",\"stream\":true}",
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Length")).isEmpty();
        assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readAllBytes();
        }
        AudioClip clip = WavIO.read(body, "stream"); // the header's lengths are "unknown": read to the end
        assertThat(clip.durationSeconds()).isGreaterThan(1.0);
        assertThat(rms(clip.samples())).isGreaterThan(0.005);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"model\":\"tts-1\",\"input\":\"Hi.\",\"voice\":\"slt\",\"speed\":1.5}|speed",
        "{\"model\":\"tts-1\",\"input\":\"Hi.\",\"voice\":\"slt\",\"response_format\":\"mp3\"}|response_format",
        "{\"model\":\"tts-1\",\"input\":\"Hi.\",\"voice\":\"slt\",\"response_format\":\"ogg\"}|response_format",
        "{\"model\":\"tts-1\",\"input\":\"Hi.\",\"voice\":\"nobody\"}|voice",
        "{\"model\":\"tts-1\",\"voice\":\"slt\"}|input",
        "{\"model\":\"tts-1\",\"input\":42}|input",
        "{\"model\":\"tts-1\",\"input\":\"Hi.\",\"stream\":\"yes\"}|stream",
        "{\"model\":\"tts-1\",\"input\":\"Hi.\"|body",
        "[1, 2]|body"})
    void badRequestsGet400NamingTheField(String json, String field) throws Exception {
        HttpResponse<String> r = postJson(server, "/v1/audio/speech", json, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body()).contains("\"field\":\"" + field + "\"").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void voicesAreListed() throws Exception {
        HttpResponse<String> r = TestServers.get(server, "/v1/audio/voices");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"voices\":[{\"id\":\"slt\",\"name\":\"slt\",\"language\":\"en\"}]}");
    }
}
