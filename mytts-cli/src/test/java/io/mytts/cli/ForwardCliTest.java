package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.audio.WavIO;
import io.mytts.config.Presets;
import io.mytts.config.Provenance;
import io.mytts.config.TTSConfig;
import io.mytts.data.ProsodyStore;
import io.mytts.eval.SpeechRecognizer;
import io.mytts.forward.ForwardTTS;
import io.mytts.text.Language;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forward voice on the command line: voice pack and info, --speed and --pitch, timestamps, eval and bench. */
class ForwardCliTest {

    @TempDir
    static Path shared;
    /** An untrained forward-tiny checkpoint at SynthCliTest's 20-mel audio config, about 4 frames a token. */
    static Path checkpoint;
    static Path voice;
    static Path autoregressive;

    @TempDir
    Path dir;

    private final Supplier<SpeechRecognizer> recognizer = EvalCommand.recognizer;

    @BeforeAll
    static void makeVoices() throws Exception {
        TTSConfig c = Presets.config("forward-tiny");
        c = new TTSConfig(c.model(), SynthCliTest.AUDIO, c.train(), c.forward());
        SymbolTable symbols = SymbolTable.characters(Language.EN);
        checkpoint = shared.resolve("forward.zip");
        try (NDManager m = NDManager.newBaseManager();
                ForwardTTS model = new ForwardTTS(c.model(), c.forward(), symbols.size(), SynthCliTest.AUDIO.nMels(),
                        new ProsodyStore.SpeakerStats(5.1, 0.07, 3.2, 1.9), m, 5)) {
            model.parameters().get("variance.duration.out.bias").set(new float[] {(float) Math.log1p(4)});
            model.checkpointWriter()
                    .setProvenance(Provenance.current(c, TextSettings.englishCharacters().withSymbols(symbols), "forward-data"))
                    .write(checkpoint);
        }
        voice = shared.resolve("voices/fwd");
        CliTest.Run r = CliTest.run("voice", "pack", "--checkpoint", checkpoint.toString(), "-o", voice.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("forward voice fwd").contains("float16");
        autoregressive = SynthCliTest.tinyVoice(shared.resolve("voices/ar"), null);
    }

    @AfterEach
    void restore() {
        EvalCommand.recognizer = recognizer;
    }

    @Test
    void voiceInfoShowsTheKindTheForwardConfigAndTheSpeakerStats() throws Exception {
        CliTest.Run info = CliTest.run("voice", "info", voice.toString());
        assertThat(info.status()).as(info.err()).isZero();
        assertThat(info.out()).contains("model    forward: 1 layers, d_model 32").contains("parameters, stored as float16")
                .contains("variance predictors 32 channels").contains("log-F0 5.100 +- 0.070 (median F0 about 164 Hz)")
                .contains("dataset forward-data").doesNotContain("window");
        assertThat(Files.readString(voice.resolve("MODEL_CARD.md"))).contains("ForwardTTS: 1 layers")
                .contains("variance predictors of 32 channels");

        // A forward model has no cross-attention to window.
        CliTest.Run bad = CliTest.run("voice", "pack", "--checkpoint", checkpoint.toString(), "-o",
                dir.resolve("bad").toString(), "--cross-win-tokens", "3");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("forward model, which has no cross-attention");
    }

    @Test
    void speedShortensTheSpeechAndTimestampsFollowIt() throws Exception {
        Path slow = dir.resolve("slow.wav");
        Path fast = dir.resolve("fast.wav");
        Path json = dir.resolve("fast.json");
        CliTest.Run a = CliTest.run("say", "Hello there, my friend.", "-o", slow.toString(), "--voice", voice.toString());
        CliTest.Run b = CliTest.run("say", "Hello there, my friend.", "-o", fast.toString(), "--voice", voice.toString(),
                "--speed", "2", "--pitch", "3", "--timestamps", json.toString());
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(b.status()).as(b.err()).isZero();
        double ratio = WavIO.read(fast).samples().length / (double) WavIO.read(slow).samples().length;
        assertThat(ratio).isCloseTo(0.5, within(0.05));
        JsonNode words = new ObjectMapper().readTree(json.toFile()).get("words");
        assertThat(words).hasSize(4);
        for (int i = 1; i < words.size(); i++) {
            assertThat(words.get(i).get("start").asDouble()).isGreaterThan(words.get(i - 1).get("start").asDouble())
                    .isEqualTo(words.get(i - 1).get("end").asDouble());
        }
    }

    @Test
    void beamRepairAndTheTextAwareStopAreSaidOnceToBeIgnoredOnAForwardVoice() throws Exception {
        Path plain = dir.resolve("plain.wav");
        Path asked = dir.resolve("asked.wav");
        String text = "Hello there. How are you today? Fine, thanks. And you?";
        CliTest.Run a = CliTest.run("say", text, "-o", plain.toString(), "--voice", voice.toString());
        CliTest.Run b = CliTest.run("say", text, "-o", asked.toString(), "--voice", voice.toString(), "--beam", "2",
                "--repair", "1", "--text-aware-stop");
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(b.status()).as(b.err()).isZero();
        assertThat(a.err()).doesNotContain("ignored");
        String warning = "warning: --beam 2, --repair 1, --text-aware-stop ignored: a forward voice";
        assertThat(b.err()).contains(warning);
        assertThat(b.err().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2); // once, for 3 batches
        assertThat(WavIO.read(asked).samples()).containsExactly(WavIO.read(plain).samples());
    }

    @Test
    void anAutoregressiveVoiceRefusesSpeedAndPitchAndBadRangesAreRefused() {
        for (String[] option : new String[][] {{"--speed", "1.5"}, {"--pitch", "2"}}) {
            CliTest.Run r = CliTest.run("say", "Hi.", "-o", dir.resolve("x.wav").toString(), "--voice",
                    autoregressive.toString(), option[0], option[1]);
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).contains("is autoregressive: only forward voices have speed and pitch control");
        }
        CliTest.Run s = CliTest.run("say", "Hi.", "--voice", voice.toString(), "--speed", "2.5");
        assertThat(s.status()).isEqualTo(2);
        assertThat(s.err()).contains("speed must be between 0.5 and 2.0");
        CliTest.Run p = CliTest.run("say", "Hi.", "--voice", voice.toString(), "--pitch", "-13");
        assertThat(p.status()).isEqualTo(2);
        assertThat(p.err()).contains("pitch must be between -12 and 12 semitones");
        CliTest.Run m = CliTest.run("model", "bench", "--voice", voice.toString());
        assertThat(m.status()).isEqualTo(2);
        assertThat(m.err()).contains("is forward").contains("bench synth");
    }

    @Test
    void evalWithSpeedAndPitchReportsTheControlCheck() throws Exception {
        EvalCommand.recognizer = () -> new FixedTranscript("hello world");
        Path texts = Files.writeString(dir.resolve("t.txt"), "a|Hello world.\nb|How are you today?\nc|Not this.\n");
        Path report = dir.resolve("report.json");
        CliTest.Run r = CliTest.run("eval", "--voice", voice.toString(), "--texts", texts.toString(), "--limit", "2",
                "-o", report.toString(), "--speed", "1.5", "--pitch", "2");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("WER").contains("control check (2 sentences").contains("speed 1.50: duration ratio")
                .contains("pitch +2.0 semitones");
        JsonNode check = new ObjectMapper().readTree(report.toFile()).get("control_check");
        assertThat(check.get("sentences").asInt()).isEqualTo(2);
        assertThat(check.get("expected_duration_ratio").asDouble()).isCloseTo(1 / 1.5, within(1e-9));
        // Whole frames per sentence: within a frame or two of 1/1.5 of sentences of about 60 frames.
        assertThat(check.get("duration_ratio").asDouble()).isCloseTo(1 / 1.5, within(0.03));
        assertThat(check.has("f0_shift_semitones")).isTrue(); // null when the noise is voiced nowhere
        assertThat(new ObjectMapper().readTree(report.toFile()).at("/totals/items").asInt()).isEqualTo(2);
    }

    @Test
    void benchSynthReportsTheAcousticModelApartFromTheVocoder() {
        CliTest.Run r = CliTest.run("bench", "synth", "--voice", voice.toString(), "--repeats", "1", "--speed", "1.5");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("forward voice fwd").contains("speed 1.5").contains("acoustic model")
                .contains("vocoder").contains("frames in one pass").contains("time to first audio");
        CliTest.Run ar = CliTest.run("bench", "synth", "--voice", autoregressive.toString(), "--repeats", "1",
                "--speed", "1.5");
        assertThat(ar.status()).isEqualTo(2);
        assertThat(ar.err()).contains("only forward voices");
    }
}
