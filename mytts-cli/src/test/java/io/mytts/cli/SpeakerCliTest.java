package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.mytts.audio.WavIO;
import io.mytts.config.ModelConfig;
import io.mytts.model.SpeakerTable;
import io.mytts.model.TransformerTTS;
import io.mytts.synth.VocoderSettings;
import io.mytts.synth.VoicePackager;
import io.mytts.text.Language;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --speaker of say and voice info on a two-speaker tiny voice, and adapt on a corpus of tones. */
class SpeakerCliTest {

    @TempDir
    static Path shared;
    static Path voice;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeVoice() {
        voice = twoSpeakerVoice(shared.resolve("two"));
    }

    /** An untrained two-speaker voice (speakers fake-a and fake-b) in {@code folder}. */
    static Path twoSpeakerVoice(Path folder) {
        SymbolTable symbols = SymbolTable.characters(Language.EN);
        ModelConfig config = ModelConfig.builder().setNumLayers(1).setDModel(16).setNumHeads(2).setDff(32)
                .optPrenetHidden(12).optPostnetLayers(1).optPostnetChannels(8).optPostnetKernel(3)
                .optReductionFactor(2).optMaxLength(256).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config, symbols.size(), SynthCliTest.AUDIO.nMels(),
                        new SpeakerTable(List.of("fake-a", "fake-b")), m, 3)) {
            return VoicePackager.builder().setName("two").optTextSettings(TextSettings.englishCharacters())
                    .optAudioConfig(SynthCliTest.AUDIO).optVocoder(new VocoderSettings(2, 1.0)).build()
                    .fromModel(model, symbols, folder);
        }
    }

    private Path corpus(int count) throws IOException {
        Path root = dir.resolve("newcomer");
        Files.createDirectories(root.resolve("wavs"));
        StringBuilder meta = new StringBuilder();
        for (int i = 0; i < count; i++) {
            float[] s = new float[22050 * 3 / 2];
            for (int n = 0; n < s.length; n++) {
                s[n] = (float) (0.3 * Math.sin(2 * Math.PI * (200 + 20 * (i % 5)) * n / 22050));
            }
            WavIO.write(root.resolve("wavs/u" + i + ".wav"), s, 22050);
            meta.append('u').append(i).append("|a cab and a bead\n");
        }
        Files.writeString(root.resolve("metadata.csv"), meta);
        return root;
    }

    @Test
    void voiceInfoListsTheSpeakersAndSayTakesOne() {
        CliTest.Run info = CliTest.run("voice", "info", voice.toString());
        assertThat(info.status()).isZero();
        assertThat(info.out()).contains("speakers 2: fake-a, fake-b");
        Path a = dir.resolve("a.wav");
        Path b = dir.resolve("b.wav");
        assertThat(CliTest.run("say", "Hi.", "-o", a.toString(), "--voice", voice.toString(), "--max-steps", "6",
                "--speaker", "fake-a").status()).isZero();
        assertThat(CliTest.run("say", "Hi.", "-o", b.toString(), "--voice", voice.toString(), "--max-steps", "6",
                "--speaker", "1").status()).isZero();
        assertThat(WavIO.read(a).samples()).isNotEqualTo(WavIO.read(b).samples());
    }

    @Test
    void anUnknownSpeakerExitsWithTwoListingTheKnownOnesAndWritesNoFile() throws IOException {
        CliTest.Run r = CliTest.run("say", "Hi.", "-o", dir.resolve("x.wav").toString(), "--voice", voice.toString(),
                "--speaker", "fake-c");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown speaker 'fake-c'").contains("fake-a, fake-b");
        assertThat(dir.resolve("x.wav")).doesNotExist();
        // A file that was there is left as it was.
        Path before = dir.resolve("before.wav");
        assertThat(CliTest.run("say", "Hi.", "-o", before.toString(), "--voice", voice.toString(), "--max-steps", "6")
                .status()).isZero();
        byte[] was = Files.readAllBytes(before);
        assertThat(CliTest.run("say", "Hi.", "-o", before.toString(), "--voice", voice.toString(), "--speaker", "nobody")
                .status()).isEqualTo(2);
        assertThat(Files.readAllBytes(before)).isEqualTo(was);
    }

    @Test
    void adaptLearnsANewSpeakerThatVoicePackKeeps() throws IOException {
        Path run = dir.resolve("run");
        CliTest.Run r = CliTest.run("adapt", "--voice", voice.toString(), "--data", corpus(42).toString(),
                "--out", run.toString(), "--steps", "2");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("adapted to speaker newcomer").contains("speakers now fake-a, fake-b, newcomer");
        Path model = run.resolve("speaker/checkpoints/step-00000002/model.zip");
        assertThat(r.out()).contains(model.toString());
        Path packed = dir.resolve("adapted");
        assertThat(CliTest.run("voice", "pack", "--checkpoint", model.toString(), "--out", packed.toString())
                .status()).isZero();
        assertThat(CliTest.run("voice", "info", packed.toString()).out())
                .contains("speakers 3: fake-a, fake-b, newcomer");
        assertThat(CliTest.run("say", "Hi.", "-o", dir.resolve("n.wav").toString(), "--voice", packed.toString(),
                "--max-steps", "6", "--speaker", "newcomer").status()).isZero();
    }

    @Test
    void adaptRefusesLessThanAMinuteOfAudio() throws IOException {
        CliTest.Run r = CliTest.run("adapt", "--voice", voice.toString(), "--data", corpus(10).toString(),
                "--out", dir.resolve("run").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("15.0 s of usable audio in 10 recordings").contains("at least 60 s");
    }
}
