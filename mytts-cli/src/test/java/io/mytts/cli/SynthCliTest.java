package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.config.ModelConfig;
import io.mytts.config.Provenance;
import io.mytts.config.TTSConfig;
import io.mytts.config.TrainConfig;
import io.mytts.eval.SpeechRecognizer;
import io.mytts.model.Checkpoint;
import io.mytts.model.TransformerTTS;
import io.mytts.synth.VocoderSettings;
import io.mytts.synth.VoicePackager;
import io.mytts.text.Language;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import io.mytts.text.TokenizerKind;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** say, synthesize, eval, bench synth and voice pack|info on an untrained tiny voice (noise, but every step runs). */
class SynthCliTest {

    static final AudioConfig AUDIO = new AudioConfig(16000, 256, 64, 256, 20, 0, 8000, 1e-5);

    @TempDir
    static Path shared;
    static Path voice;
    /** A checkpoint whose provenance does not say how it reads text, as those written before it did. */
    static Path checkpoint;
    /** A checkpoint of a phoneme model whose provenance records its run config and text settings. */
    static Path described;

    @TempDir
    Path dir;

    private final String home = System.getProperty("mytts.home");
    private final Supplier<SpeechRecognizer> recognizer = EvalCommand.recognizer;

    @BeforeAll
    static void makeVoice() throws Exception {
        checkpoint = shared.resolve("ckpt.zip");
        voice = tinyVoice(shared.resolve("voices/tiny"), checkpoint);
    }

    /**
     * Makes a checkpoint as those written before checkpoints recorded how their model reads text:
     * format 1, its symbols beside a provenance without text settings.
     */
    private static void asFormatOneWithoutTextSettings(Path checkpoint) throws java.io.IOException {
        try (FileSystem zip = FileSystems.newFileSystem(checkpoint)) {
            Path json = zip.getPath("model.json");
            var tree = (ObjectNode) new ObjectMapper().readTree(Files.readString(json));
            var text = ((ObjectNode) tree.get("provenance")).remove("text");
            tree.set("symbols", text.get("symbols"));
            tree.put("format_version", 1);
            Files.writeString(json, tree.toString());
        }
    }

    /** Packs the tiny voice into {@code folder}, and writes its checkpoint too when {@code checkpoint} is not null. */
    static Path tinyVoice(Path folder, Path checkpoint) throws java.io.IOException {
        SymbolTable symbols = SymbolTable.characters(Language.EN);
        ModelConfig config = ModelConfig.builder().setNumLayers(1).setDModel(16).setNumHeads(2).setDff(32)
                .optPrenetHidden(12).optPostnetLayers(1).optPostnetChannels(8).optPostnetKernel(3)
                .optMaxLength(64).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config, symbols.size(), AUDIO.nMels(), m, 3)) {
            Path packed = VoicePackager.builder().setName("tiny").optTextSettings(TextSettings.englishCharacters())
                    .optAudioConfig(AUDIO).optVocoder(new VocoderSettings(2, 1.0)).build()
                    .fromModel(model, symbols, folder);
            if (checkpoint != null) {
                Checkpoint.writer(model).setProvenance(Provenance.current(null,
                        TextSettings.englishCharacters().withSymbols(symbols), null)).write(checkpoint);
                asFormatOneWithoutTextSettings(checkpoint);
                described = checkpoint.resolveSibling("described.zip");
                Checkpoint.writer(model)
                        .setProvenance(Provenance.current(new TTSConfig(config, AUDIO, TrainConfig.builder().build()),
                                new TextSettings(TokenizerKind.PHONEMES, Language.EN).withSymbols(symbols), "data-hash"))
                        .write(described);
            }
            return packed;
        }
    }

    @AfterEach
    void restore() {
        if (home == null) {
            System.clearProperty("mytts.home");
        } else {
            System.setProperty("mytts.home", home);
        }
        EvalCommand.recognizer = recognizer;
    }

    @Test
    void sayWithoutAnyVoiceExplainsAndSucceeds() {
        System.setProperty("mytts.home", dir.toString());
        CliTest.Run r = CliTest.run("say", "Hello.", "-o", dir.resolve("out.wav").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("no voice is bundled").contains("--voice");
        assertThat(dir.resolve("out.wav")).doesNotExist();
    }

    @Test
    void sayWritesSpeechWithTheVoice() {
        Path out = dir.resolve("hello.wav");
        CliTest.Run r = CliTest.run("say", "Hello there. Bye.", "-o", out.toString(), "--voice", voice.toString(),
                "--max-steps", "10", "--seed", "3", "--temperature", "1.2", "--cross-win-tokens", "2");
        assertThat(r.status()).as(r.err()).isZero();
        AudioClip clip = WavIO.read(out);
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.samples().length).isPositive();
        assertThat(r.out()).contains("hello.wav").contains("2 sentence(s)").contains("real-time factor");
    }

    @Test
    void sayFindsTheBundledVoiceUnderHome() {
        System.setProperty("mytts.home", shared.toString());
        Path out = dir.resolve("b.wav");
        CliTest.Run r = CliTest.run("say", "Hi.", "-o", out.toString(), "--max-steps", "5");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("voice tiny");
        assertThat(out).exists();
    }

    @Test
    void sayPicksABundledVoiceByNameAndByTheTextsLanguage() {
        System.setProperty("mytts.home", shared.toString());
        CliTest.Run named = CliTest.run("say", "Hi.", "-o", dir.resolve("n.wav").toString(), "--voice", "tiny",
                "--max-steps", "5");
        assertThat(named.status()).as(named.err()).isZero();
        assertThat(named.out()).contains("voice tiny");
        // The only bundled voice speaks English: Persian text, or --lang fa, finds no voice.
        for (String[] args : List.of(new String[] {"say", "سلام دنیا", "-o", dir.resolve("f.wav").toString()},
                new String[] {"say", "--lang", "fa", "Hi.", "-o", dir.resolve("f.wav").toString()})) {
            CliTest.Run r = CliTest.run(args);
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).contains("no bundled voice speaks Persian (fa)").contains("tiny (en)");
        }
        assertThat(dir.resolve("f.wav")).doesNotExist();
        // A voice named explicitly refuses text in another language, naming both.
        CliTest.Run r = CliTest.run("say", "سلام دنیا", "-o", dir.resolve("g.wav").toString(), "--voice", "tiny");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("speaks English (en)").contains("is Persian (fa)");
        assertThat(dir.resolve("g.wav")).doesNotExist(); // refused before the first sentence: no file
    }

    @Test
    void sayPlaysOrSaysWhyNot() {
        CliTest.Run r = CliTest.run("say", "Hi.", "-o", dir.resolve("p.wav").toString(), "--voice", voice.toString(),
                "--max-steps", "5", "--play");
        assertThat(r.status()).isZero();
        assertThat(r.out()).containsAnyOf("played", "cannot play: no audio output device");
    }

    @Test
    void badSayInputExitsTwo() {
        assertThat(CliTest.run("say", "  ", "--voice", voice.toString()).status()).isEqualTo(2);
        CliTest.Run chunk = CliTest.run("say", "Hi.", "--voice", voice.toString(), "--max-chunk-chars", "5");
        assertThat(chunk.status()).isEqualTo(2);
        assertThat(chunk.err()).contains("max chunk length");
        CliTest.Run first = CliTest.run("say", "Hi.", "--voice", voice.toString(), "--first-chunk-chars", "5");
        assertThat(first.status()).isEqualTo(2);
        assertThat(first.err()).contains("first chunk length");
        CliTest.Run t = CliTest.run("say", "Hi.", "--voice", voice.toString(), "--temperature", "0.2");
        assertThat(t.status()).isEqualTo(2);
        assertThat(t.err()).contains("temperature");
        CliTest.Run w = CliTest.run("say", "Hi.", "--voice", voice.toString(), "--cross-win", "0.2",
                "--cross-win-tokens", "3");
        assertThat(w.status()).isEqualTo(2);
        assertThat(w.err()).contains("--cross-win-tokens").contains("not both");
        CliTest.Run z = CliTest.run("say", "Hi.", "--voice", voice.toString(), "--cross-win-tokens", "0");
        assertThat(z.status()).isEqualTo(2);
        assertThat(z.err()).contains("at least 1 token");
        CliTest.Run v = CliTest.run("say", "Hi.", "--voice", dir.resolve("nope").toString());
        assertThat(v.status()).isEqualTo(2);
        assertThat(v.err()).contains("nope").contains("does not exist");
    }

    @Test
    void synthesizeWritesOneWavPerLineAndASummary() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "First line.\n\nSecond line, longer. Two sentences.\n");
        Path outDir = dir.resolve("out");
        CliTest.Run r = CliTest.run("synthesize", "--input", input.toString(), "--out-dir", outDir.toString(),
                "--voice", voice.toString(), "--max-steps", "8");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(WavIO.read(outDir.resolve("0000.wav")).sampleRate()).isEqualTo(16000);
        assertThat(outDir.resolve("0001.wav")).exists();
        assertThat(outDir.resolve("0002.wav")).doesNotExist();
        JsonNode summary = new ObjectMapper().readTree(outDir.resolve("summary.json").toFile());
        JsonNode second = summary.at("/lines/1");
        assertThat(second.get("file").asText()).isEqualTo("0001.wav");
        assertThat(second.get("line").asInt()).isEqualTo(3);
        assertThat(second.get("sentences").asInt()).isEqualTo(2);
        double seconds = WavIO.read(outDir.resolve("0001.wav")).durationSeconds();
        assertThat(second.get("duration_s").asDouble()).isCloseTo(seconds, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(second.get("real_time_factor").asDouble()).isPositive();
        assertThat(second.get("alignment_score").asDouble()).isBetween(0.0, 1.0);
        assertThat(second.has("stop_fired")).isTrue();
        assertThat(summary.at("/totals/lines").asInt()).isEqualTo(2);
    }

    @Test
    void synthesizeWithoutInputFileIsBadInput() {
        CliTest.Run r = CliTest.run("synthesize", "--input", dir.resolve("none.txt").toString(), "--out-dir",
                dir.toString(), "--voice", voice.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("none.txt");
    }

    @Test
    void evalReportsWerWithAnInjectedRecognizer() throws Exception {
        EvalCommand.recognizer = () -> new SpeechRecognizer() {
            @Override
            public String transcribe(Path wav) {
                assertThat(WavIO.read(wav).sampleRate()).isEqualTo(16000);
                return "hello word";
            }

            @Override
            public int sampleRate() {
                return 16000;
            }
        };
        Path texts = Files.writeString(dir.resolve("t.txt"), "a|Hello world.\nb|Hello word.\nc|Not evaluated.\n");
        Path report = dir.resolve("report.json");
        CliTest.Run r = CliTest.run("eval", "--voice", voice.toString(), "--texts", texts.toString(), "--limit", "2",
                "-o", report.toString(), "--max-steps", "6");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("WER").contains("25.0%").contains("real-time factor").contains("alignment failures");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.at("/totals/items").asInt()).isEqualTo(2);
        assertThat(json.at("/totals/wer").asDouble()).isEqualTo(0.25); // 1 error in 4 words
    }

    @Test
    void evalWithReferenceWavsReportsStoiEstoiF0AndVoicingNextToMcd() throws Exception {
        EvalCommand.recognizer = () -> new SpeechRecognizer() {
            @Override
            public String transcribe(Path wav) {
                return "hello world";
            }

            @Override
            public int sampleRate() {
                return 16000;
            }
        };
        Path refs = Files.createDirectories(dir.resolve("refs"));
        float[] tone = new float[22050]; // 1 s at 22050 Hz: resampled to the voice's 16 kHz for the measures
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 180 * i / 22050.0));
        }
        WavIO.write(refs.resolve("a.wav"), tone, 22050);
        Path texts = Files.writeString(dir.resolve("t.txt"), "a|Hello world.\nb|No reference.\n");
        Path report = dir.resolve("report.json");
        CliTest.Run r = CliTest.run("eval", "--voice", voice.toString(), "--texts", texts.toString(),
                "--reference-wavs", refs.toString(), "-o", report.toString(), "--max-steps", "60");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("MCD").contains("STOI / ESTOI").contains("F0 RMSE").contains("voicing error");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.at("/totals/reference_items").asInt()).isEqualTo(1);
        for (String key : new String[] {"mcd_db", "stoi", "estoi", "voicing_error"}) {
            assertThat(json.at("/items/0/" + key).isNumber()).as(key).isTrue();
            assertThat(json.at("/totals/mean_" + key).asDouble()).as(key).isEqualTo(json.at("/items/0/" + key).asDouble());
        }
        assertThat(json.at("/items/0").has("f0_rmse_cents")).isTrue(); // null: noise is voiced nowhere
        assertThat(json.at("/items/1").has("stoi")).isFalse();
    }

    @Test
    void benchSynthMeasuresAVoice() {
        CliTest.Run r = CliTest.run("bench", "synth", "--voice", voice.toString(), "--repeats", "1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("real-time factor").contains("time to first audio").contains("200 characters");
    }

    @Test
    void voicePackNeedsOnlyTheCheckpointWhenItDescribesItself() {
        Path out = dir.resolve("voices/phonemes");
        CliTest.Run r = CliTest.run("voice", "pack", "--checkpoint", described.toString(), "-o", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        CliTest.Run info = CliTest.run("voice", "info", out.toString());
        assertThat(info.status()).as(info.err()).isZero();
        // The phoneme model stays a phoneme voice, with the audio config it was trained with.
        assertThat(info.out()).contains("phonemes, en").contains("16000 Hz").contains("dataset data-hash");

        // Settings that contradict the checkpoint's would make a broken voice: refused.
        r = CliTest.run("voice", "pack", "--checkpoint", described.toString(), "-o", dir.resolve("bad").toString(),
                "--tokenizer", "characters", "--language", "en");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("was trained with text settings").contains("phonemes");
    }

    @Test
    void voicePackMakesALoadableFloat16Voice() {
        Path out = dir.resolve("voices/packed");
        // A checkpoint that does not record its text settings needs them.
        CliTest.Run r = CliTest.run("voice", "pack", "--checkpoint", checkpoint.toString(), "-o", out.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("does not record how its model reads text").contains("--tokenizer");
        r = CliTest.run("voice", "pack", "--checkpoint", checkpoint.toString(), "-o", out.toString(),
                "--tokenizer", "characters", "--language", "en");
        // The checkpoint's 80-mel default audio config does not fit this 20-mel model: a clear error.
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("20 mel bands").contains("audio config");

        Path config = dir.resolve("config.json");
        try {
            Files.writeString(config, "{\"audio\": {\"sample_rate\": 16000, \"n_fft\": 256, \"hop_length\": 64,"
                    + " \"win_length\": 256, \"n_mels\": 20}}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        r = CliTest.run("voice", "pack", "--checkpoint", checkpoint.toString(), "-o", out.toString(), "--config",
                config.toString(), "--tokenizer", "characters", "--language", "en", "--cross-win-tokens", "3");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("float16");
        CliTest.Run info = CliTest.run("voice", "info", out.toString());
        assertThat(info.status()).as(info.err()).isZero();
        assertThat(info.out()).contains("voice packed").contains("characters, en").contains("16000 Hz")
                .contains("window   3 tokens ahead");
    }
}
