package io.mytts.server;

import static io.mytts.server.TestServers.get;
import static io.mytts.server.TestServers.getBytes;
import static io.mytts.server.TestServers.rms;
import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as MaryTTS 5.2 clients see it: the same URLs, parameters and response formats. */
class MaryTtsApiTest extends ServerTest {


    @Test
    void infoRequestsAnswerInMaryTtsFormats() throws Exception {
        HttpResponse<String> version = get(server, "/version");
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(version.body()).matches("Mary TTS server 5\\.2 \\(impl\\. MyTTS .+\\)");
        assertThat(get(server, "/voices").body()).isEqualTo("slt en_US unknown other\n");
        assertThat(get(server, "/locales").body()).isEqualTo("en_US\n");
        assertThat(get(server, "/audioformats").body().lines()).contains("WAVE_FILE", "AU_FILE", "AIFF_FILE");
    }

    @Test
    void processSpeaksAsMaryTtsClientsAskIt() throws Exception {
        String query = "/process?INPUT_TEXT=" + URLEncoder.encode("Hello world.", StandardCharsets.UTF_8)
                + "&INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_FILE&LOCALE=en_US";
        HttpResponse<byte[]> r = getBytes(server, query);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/x-wav");
        AudioClip clip = WavIO.read(r.body(), "response");
        assertThat(clip.sampleRate()).isEqualTo(22050);
        assertThat(clip.durationSeconds()).isBetween(0.3, 5.0);
        assertThat(rms(clip.samples())).isGreaterThan(0.005);
        // The JDK reads it too, as Java MaryTTS clients do.
        AudioFileFormat format = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(r.body()));
        assertThat(format.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
    }

    @Test
    void processTakesAPostedFormAndAuFiles() throws Exception {
        String form = "INPUT_TEXT=" + URLEncoder.encode("Good morning.", StandardCharsets.UTF_8)
                + "&INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=AU_FILE&VOICE=slt";
        HttpResponse<byte[]> r = TestServers.CLIENT.send(HttpRequest.newBuilder(TestServers.uri(server, "/process"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/basic");
        AudioFileFormat format = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(r.body()));
        assertThat(format.getType()).isEqualTo(AudioFileFormat.Type.AU);
        assertThat(format.getFormat().getSampleRate()).isEqualTo(22050f);
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() throws Exception {
        HttpResponse<String> maryXml = get(server, "/process?INPUT_TEXT=hi&INPUT_TYPE=RAWMARYXML&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_FILE");
        assertThat(maryXml.statusCode()).isEqualTo(400);
        assertThat(maryXml.body()).contains("\"field\":\"INPUT_TYPE\"", "TEXT or SSML").doesNotContain("at io.");
        HttpResponse<String> locale = get(server, "/process?INPUT_TEXT=hallo&INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO"
                + "&AUDIO=WAVE_FILE&LOCALE=de");
        assertThat(locale.statusCode()).isEqualTo(400);
        assertThat(locale.body()).contains("\"field\":\"LOCALE\"", "en_US");
        HttpResponse<String> voice = get(server, "/process?INPUT_TEXT=hi&VOICE=cmu-slt-hsmm");
        assertThat(voice.statusCode()).isEqualTo(400);
        assertThat(voice.body()).contains("\"field\":\"VOICE\"", "slt");
        HttpResponse<String> empty = get(server, "/process?INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_FILE");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("\"field\":\"INPUT_TEXT\"");
        HttpResponse<String> audio = get(server, "/process?INPUT_TEXT=hi&AUDIO=MP3");
        assertThat(audio.statusCode()).isEqualTo(400);
        assertThat(audio.body()).contains("\"field\":\"AUDIO\"");
    }

    /** SSML as MaryTTS's own client writes it: an XML declaration, the SSML namespace and schema location. */
    private static final String MARY_SSML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xsi:schemaLocation=\"http://www.w3.org/2001/10/synthesis http://www.w3.org/TR/speech-synthesis/synthesis.xsd\""
            + " xml:lang=\"en-US\">\nHello. <break time=\"1s\"/> Goodbye.\n</speak>";

    @Test
    void processSpeaksSsmlSentAsMaryTtsClientsSendIt() throws Exception {
        String params = "INPUT_TEXT=" + URLEncoder.encode(MARY_SSML, StandardCharsets.UTF_8)
                + "&INPUT_TYPE=SSML&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_FILE&LOCALE=en_US";
        HttpResponse<byte[]> get = getBytes(server, "/process?" + params);
        assertThat(get.statusCode()).as(new String(get.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        HttpResponse<byte[]> post = TestServers.CLIENT.send(HttpRequest.newBuilder(TestServers.uri(server, "/process"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(params)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(200);
        for (HttpResponse<byte[]> r : List.of(get, post)) {
            AudioClip clip = WavIO.read(r.body(), "response");
            assertThat(rms(clip.samples())).isGreaterThan(0.005);
            // The break is spoken as one second of silence, not read out as markup.
            assertThat(longestZeroRun(clip.samples()) / (double) clip.sampleRate()).isBetween(0.95, 1.05);
        }
    }

    @Test
    void badSsmlIsRefusedWithItsLineAndColumnAndNoFileIsRead(@TempDir Path dir)
            throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        String entity = "<?xml version=\"1.0\"?>\n<!DOCTYPE speak [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<speak>&x;</speak>";
        String malformed = "<speak>\nHello <break time=\"1s\">\n</speak>";
        for (String ssml : List.of(entity, malformed)) {
            HttpResponse<String> r = get(server, "/process?INPUT_TYPE=SSML&INPUT_TEXT="
                    + URLEncoder.encode(ssml, StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(ssml).isEqualTo(400);
            assertThat(r.body()).as(ssml).contains("\"field\":\"INPUT_TEXT\"").containsPattern("line \\d+, column \\d+")
                    .doesNotContain("TOP-SECRET-42").doesNotContain("\tat ");
        }
        assertThat(get(server, "/process?INPUT_TYPE=SSML&INPUT_TEXT=" + URLEncoder.encode(entity, StandardCharsets.UTF_8))
                .body()).contains("line 2", "DOCTYPE");
    }

    /** The longest run of samples that are exactly zero (an SSML break's silence). */
    static int longestZeroRun(float[] samples) {
        int best = 0;
        int run = 0;
        for (float s : samples) {
            run = s == 0f ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }
}
