package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** say and synthesize with --ssml, --timestamps and standard input, on the untrained tiny voice of SynthCliTest. */
class SsmlCliTest {

    @TempDir
    static Path shared;
    static Path voice;

    @TempDir
    Path dir;

    private final InputStream stdin = System.in;

    @BeforeAll
    static void makeVoice() throws Exception {
        voice = SynthCliTest.tinyVoice(shared.resolve("tiny"), null);
    }

    @AfterEach
    void restore() {
        System.setIn(stdin);
    }

    private static void stdin(String text) {
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void saySpeaksSsmlWithABreakAndWritesSubtitles() throws Exception {
        Path out = dir.resolve("s.wav");
        Path vtt = dir.resolve("s.vtt");
        CliTest.Run r = CliTest.run("say", "--ssml", "<speak>Hello. <break time=\"1s\"/> <mark name=\"m\"/>Bye.</speak>",
                "-o", out.toString(), "--voice", voice.toString(), "--max-steps", "6",
                "--timestamps", vtt.toString());
        assertThat(r.status()).as(r.err()).isZero();
        AudioClip clip = WavIO.read(out);
        assertThat(clip.durationSeconds()).isGreaterThan(1.0);
        assertThat(Files.readString(vtt)).startsWith("WEBVTT\n").contains(" --> ").contains("Hello.").contains("Bye.");
        Path json = dir.resolve("s.json");
        assertThat(CliTest.run("say", "--ssml", "<speak>Hello. <mark name=\"m\"/>Bye.</speak>", "-o", out.toString(),
                "--voice", voice.toString(), "--max-steps", "6", "--timestamps", json.toString())
                .status()).isZero();
        JsonNode t = new ObjectMapper().readTree(json.toFile());
        assertThat(t.at("/marks/0/name").asText()).isEqualTo("m");
        assertThat(t.at("/marks/0/time").asDouble()).isEqualTo(t.at("/sentences/1/start").asDouble());
        assertThat(t.at("/duration_s").asDouble()).isCloseTo(WavIO.read(out).durationSeconds(),
                org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void sayReadsStandardInput() {
        stdin("Hello from a pipe.\nAnd a second line.\n");
        Path out = dir.resolve("in.wav");
        CliTest.Run r = CliTest.run("say", "-", "-o", out.toString(), "--voice", voice.toString(),
                "--max-steps", "5");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 sentence(s)");
        assertThat(WavIO.read(out).samples()).isNotEmpty();
    }

    @Test
    void aDoctypeIsRefusedWithExitTwo() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET");
        CliTest.Run r = CliTest.run("say", "--ssml", "<!DOCTYPE speak [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]><speak>&x;</speak>", "-o", dir.resolve("x.wav").toString(), "--voice",
                voice.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("DOCTYPE").contains("line 1").doesNotContain("SECRET");
        assertThat(dir.resolve("x.wav")).doesNotExist();
    }

    @Test
    void synthesizeReadsStandardInputAndWritesTimestampsBesideEachWav() throws Exception {
        stdin("First line.\n\nSecond line here.\n");
        Path outDir = dir.resolve("out");
        CliTest.Run r = CliTest.run("synthesize", "--input", "-", "--out-dir", outDir.toString(), "--voice",
                voice.toString(), "--max-steps", "5", "--timestamps", "json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(outDir.resolve("0001.wav")).exists();
        JsonNode t = new ObjectMapper().readTree(outDir.resolve("0001.json").toFile());
        assertThat(t.at("/sentences/0/text").asText()).isEqualTo("Second line here.");
        assertThat(t.at("/duration_s").asDouble()).isCloseTo(WavIO.read(outDir.resolve("0001.wav")).durationSeconds(),
                org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void synthesizeSpeaksAWholeSsmlFileAsOneWav() throws Exception {
        Path input = Files.writeString(dir.resolve("doc.ssml"), "<speak>\n<p>One.</p>\n<p>Two <foo>three</foo>.</p>\n</speak>\n");
        Path outDir = dir.resolve("ssml");
        CliTest.Run r = CliTest.run("synthesize", "--ssml", "--input", input.toString(), "--out-dir", outDir.toString(),
                "--voice", voice.toString(), "--max-steps", "5", "--timestamps", "vtt");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: <foo> is not supported");
        assertThat(outDir.resolve("0000.wav")).exists();
        assertThat(outDir.resolve("0001.wav")).doesNotExist();
        assertThat(Files.readString(outDir.resolve("0000.vtt"))).contains("One.").contains("Two three.");
    }

    @Test
    void aBadTimestampFormatIsBadInput() {
        CliTest.Run r = CliTest.run("synthesize", "--input", "-", "--out-dir", dir.toString(), "--voice",
                voice.toString(), "--timestamps", "srt");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("vtt or json");
    }
}
