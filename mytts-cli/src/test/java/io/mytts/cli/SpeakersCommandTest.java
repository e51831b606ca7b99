package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.audio.WavIO;
import io.mytts.eval.SpeechRecognizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mytts speakers identify, and eval --speaker-corpus, on a corpus of two made-up speakers named like the voice's. */
class SpeakersCommandTest {

    @TempDir
    static Path shared;
    static Path corpus;
    static Path voice;

    @TempDir
    Path dir;

    /** fake-a: low and dark (F0 about 110 Hz, steep spectral tilt); fake-b: high and bright. */
    static float[] utterance(String speaker, long seed, int rate) {
        boolean a = speaker.equals("fake-a");
        Random r = new Random(seed);
        float[] x = new float[rate * 3 / 2];
        double phase = 0;
        double f0 = 0;
        for (int i = 0; i < x.length; i++) {
            if (i % (rate / 4) == 0) {
                f0 = (a ? 110 : 230) * (0.9 + 0.2 * r.nextDouble());
            }
            phase += 2 * Math.PI * f0 / rate;
            double s = 0;
            for (int h = 1; h * f0 < 7000; h++) {
                s += Math.pow(a ? 0.6 : 0.9, h) * Math.sin(h * phase);
            }
            double envelope = Math.pow(Math.sin(Math.PI * (i % (rate / 4)) / (rate / 4.0)), 2);
            x[i] = (float) (0.2 * envelope * s + 1e-4 * r.nextGaussian());
        }
        return x;
    }

    @BeforeAll
    static void makeCorpusAndVoice() throws IOException {
        corpus = shared.resolve("corpus");
        Files.createDirectories(corpus.resolve("wavs"));
        StringBuilder meta = new StringBuilder();
        for (String speaker : new String[] {"fake-a", "fake-b"}) {
            for (int i = 0; i < 3; i++) {
                String id = speaker + "-" + i;
                WavIO.write(corpus.resolve("wavs/" + id + ".wav"), utterance(speaker, i, 22050), 22050);
                meta.append(id).append("|words|words|").append(speaker).append('\n');
            }
        }
        Files.writeString(corpus.resolve("metadata.csv"), meta);
        voice = SpeakerCliTest.twoSpeakerVoice(shared.resolve("two"));
    }

    private final Supplier<SpeechRecognizer> recognizer = EvalCommand.recognizer;

    @AfterEach
    void restoreRecognizer() {
        EvalCommand.recognizer = recognizer;
    }

    @Test
    void identifyPrintsTheNearestSpeakerAndTheDistances() throws IOException {
        Path a = dir.resolve("a.wav");
        Path b = dir.resolve("b.wav");
        WavIO.write(a, utterance("fake-a", 10, 22050), 22050);
        WavIO.write(b, utterance("fake-b", 10, 16000), 16000); // resampled to 22050 Hz first
        CliTest.Run r = CliTest.run("speakers", "identify", "--corpus", corpus.toString(), a.toString(), b.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("enrolled 2 speakers from " + corpus)
                .contains("fake-a (3 recordings), fake-b (3 recordings)")
                .containsPattern("a\\.wav: fake-a  \\(fake-a -?[0-9.]+, fake-b -?[0-9.]+; [0-9]+ frames\\)")
                .containsPattern("b\\.wav: fake-b  \\(fake-b -?[0-9.]+, fake-a -?[0-9.]+; [0-9]+ frames\\)")
                .contains("assigned: fake-a 1, fake-b 1");

        Path ids = Files.writeString(dir.resolve("ids.txt"), "fake-a-0\n# held out\nfake-a-1|with text\n");
        r = CliTest.run("speakers", "identify", "--corpus", corpus.toString(), "--exclude-ids", ids.toString(),
                "--expected", "fake-a", a.toString(), b.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("fake-a (1 recordings), fake-b (3 recordings)")
                .contains("assigned to fake-a: 50.0% (1 of 2; fake-b 1)");
    }

    @Test
    void badInputExitsWithTwo() throws IOException {
        Path a = dir.resolve("a.wav");
        WavIO.write(a, utterance("fake-a", 10, 22050), 22050);
        Path plain = Files.createDirectories(dir.resolve("plain/wavs"));
        Files.copy(corpus.resolve("wavs/fake-a-0.wav"), plain.resolve("u.wav"));
        Files.writeString(plain.getParent().resolve("metadata.csv"), "u|words|words\n");
        CliTest.Run r = CliTest.run("speakers", "identify", "--corpus", plain.getParent().toString(), a.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no speaker column");

        r = CliTest.run("speakers", "identify", "--corpus", corpus.toString(), "--expected", "fake-c", a.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--expected fake-c is not a speaker").contains("fake-a, fake-b");

        r = CliTest.run("speakers", "identify", "--corpus", corpus.toString(), dir.resolve("none.wav").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("none.wav");
    }

    @Test
    void evalReportsTheShareOfSentencesAndReferencesNearestToTheVoicesSpeaker() throws IOException {
        EvalCommand.recognizer = () -> new FixedTranscript("hi");
        Path refs = Files.createDirectories(dir.resolve("refs"));
        WavIO.write(refs.resolve("fake-b-0.wav"), utterance("fake-b", 20, 22050), 22050);
        Path texts = Files.writeString(dir.resolve("t.txt"), "fake-b-0|Hi.\nx|Hello.\n");
        Path report = dir.resolve("report.json");
        CliTest.Run r = CliTest.run("eval", "--voice", voice.toString(), "--speaker", "fake-b", "--texts", texts.toString(),
                "--reference-wavs", refs.toString(), "--speaker-corpus", corpus.toString(), "-o", report.toString(),
                "--max-steps", "20");
        assertThat(r.status()).as(r.err()).isZero();
        // The evaluated id fake-b-0 is left out of enrolment.
        assertThat(r.out()).contains("fake-a (3 recordings), fake-b (2 recordings)").contains("speaker identity")
                .contains("assigned to fake-b (nearest of 2 enrolled from " + corpus + ")")
                .contains("reference (teacher) 100.0% (1 of 1)");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.at("/totals/speaker_identity/expected").asText()).isEqualTo("fake-b");
        assertThat(json.at("/totals/speaker_identity/synthesized/items").asInt()).isEqualTo(2);
        assertThat(json.at("/totals/speaker_identity/reference/confusion/fake-b").asInt()).isEqualTo(1);
        assertThat(json.at("/items/0/assigned_speaker").isTextual()).isTrue();

        // Without --speaker the voice speaks as its first speaker, which is then the one expected.
        r = CliTest.run("eval", "--voice", voice.toString(), "--texts", texts.toString(), "--speaker-corpus",
                corpus.toString(), "-o", report.toString(), "--max-steps", "6", "--limit", "1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("assigned to fake-a");
    }

    @Test
    void evalOfASingleSpeakerVoiceNeedsTheExpectedSpeaker() throws IOException {
        Path texts = Files.writeString(dir.resolve("t.txt"), "x|Hello.\n");
        Path single = SynthCliTest.tinyVoice(shared.resolve("single"), null);
        CliTest.Run r = CliTest.run("eval", "--voice", single.toString(), "--texts", texts.toString(),
                "--speaker-corpus", corpus.toString(), "-o", dir.resolve("r.json").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("single unnamed speaker").contains("--expected-speaker");
        r = CliTest.run("eval", "--voice", single.toString(), "--texts", texts.toString(),
                "--expected-speaker", "fake-a", "-o", dir.resolve("r.json").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--expected-speaker needs --speaker-corpus");
    }
}
