package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.audio.Npy;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.config.Presets;
import io.mytts.config.Provenance;
import io.mytts.data.FeatureCache;
import io.mytts.eval.EvaluationTexts;
import io.mytts.eval.SpeechRecognizer;
import io.mytts.model.Checkpoint;
import io.mytts.model.TransformerTTS;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import io.mytts.train.Trainer;
import io.mytts.vocoder.NeuralVocoder;
import io.mytts.vocoder.VocoderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocoderCommandTest {

    @TempDir
    Path dir;
    Path vocoder;
    private final Supplier<SpeechRecognizer> recognizer = EvalCommand.recognizer;

    @BeforeEach
    void saveTinyVocoder() throws Exception {
        vocoder = dir.resolve("vocoder");
        try (NeuralVocoder v = NeuralVocoder.untrained(VocoderConfig.tiny(AudioConfig.DEFAULT), 1)) {
            v.save(vocoder, true);
        }
    }

    @AfterEach
    void restore() {
        EvalCommand.recognizer = recognizer;
    }

    private static float[] tone(int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / 22050.0) + 0.1 * Math.sin(2 * Math.PI * 600 * i / 22050.0));
        }
        return s;
    }

    @Test
    void infoDescribesTheVocoder() {
        CliTest.Run r = CliTest.run("vocoder", "info", vocoder.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("architecture vocos").contains("80 mel bands").contains("22050 Hz");
    }

    @Test
    void audioInvertUsesTheVocoderAndRefusesAMelOfOtherBands() throws Exception {
        Path mel = dir.resolve("a.npy");
        Npy.write(mel, new float[12][80]);
        Path wav = dir.resolve("a.wav");
        CliTest.Run r = CliTest.run("audio", "invert", mel.toString(), "--vocoder", vocoder.toString(), "-o", wav.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("neural vocoder").contains("real-time factor");
        assertThat(WavIO.read(wav).samples()).hasSize(12 * 256);
        Npy.write(mel, new float[12][100]);
        r = CliTest.run("audio", "invert", mel.toString(), "--vocoder", vocoder.toString(), "-o", wav.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("80");
    }

    @Test
    void evalComparesTheVocoderWithGriffinLimOnTheRecordings() throws Exception {
        Path refs = Files.createDirectories(dir.resolve("refs"));
        WavIO.write(refs.resolve("a.wav"), tone(22050), 22050);
        WavIO.write(refs.resolve("b.wav"), tone(30000), 22050);
        EvalCommand.recognizer = () -> new FixedTranscript("hello world");
        Path texts = Files.writeString(dir.resolve("t.txt"), "a|Hello world.\nb|Hello there world.\nc|Left out.\n");
        Path report = dir.resolve("v.json");
        CliTest.Run r = CliTest.run("vocoder", "eval", "--vocoder", vocoder.toString(), "--texts", texts.toString(),
                "--reference-wavs", refs.toString(), "--limit", "2", "--iterations", "4", "-o", report.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("copy synthesis of 2 sentences").contains("griffin-lim").contains("neural");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("sentences").asInt()).isEqualTo(2);
        assertThat(json.get("reference_wer").asDouble()).isEqualTo(0.2, org.assertj.core.api.Assertions.within(1e-9)); // one word missed of five
        assertThat(json.get("summaries")).hasSize(2);
        assertThat(json.at("/summaries/0/vocoder").asText()).isEqualTo("griffin-lim");
        assertThat(json.at("/summaries/0/stoi").asDouble()).isGreaterThan(json.at("/summaries/1/stoi").asDouble());
    }

    @Test
    void trainRefusesAUsedRunResumesItAndTheReportDrawsIt() throws Exception {
        Path data = TrainCommandTest.toneCorpus(dir.resolve("corpus"));
        CliTest.Run prep = CliTest.run("prepare", "--data", data.toString(), "--preset", "tiny", "--threads", "1");
        assertThat(prep.status()).as(prep.err()).isZero();
        Path cfg = Files.writeString(dir.resolve("settings.json"), "{\"batch_size\": 2, \"segment_frames\": 8,"
                + " \"adversarial_from\": 2, \"log_every\": 1, \"validate_every\": 2, \"validation_size\": 2}");
        Path run = dir.resolve("run");
        String[] train = {"vocoder", "train", "--data", data.toString(), "--out", run.toString(), "--tiny",
            "--config", cfg.toString()};

        CliTest.Run first = CliTest.run(concat(train, "--max-steps", "2"));
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("finished at step 2");
        assertThat(run.resolve("samples/step-00000002-val0.wav")).exists();
        assertThat(NeuralVocoder.isVocoder(run.resolve("checkpoints/step-00000002"))).isTrue();

        CliTest.Run again = CliTest.run(concat(train, "--max-steps", "3"));
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err()).contains("--resume").doesNotContain("at io.mytts");

        CliTest.Run resumed = CliTest.run(concat(train, "--max-steps", "3", "--resume"));
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("finished at step 3");
        assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"step\":3,").contains("discriminator_loss");

        CliTest.Run report = CliTest.run("report", run.toString());
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(Files.readString(run.resolve("report.html"))).contains("discriminator_loss").contains("val0");

        // A new run fine-tunes the trained vocoder; with --resume that is refused.
        Path tuned = dir.resolve("tuned");
        String[] fineTune = {"vocoder", "train", "--data", data.toString(), "--out", tuned.toString(), "--tiny",
            "--config", cfg.toString(), "--init-from", run.resolve("checkpoints/step-00000003").toString()};
        CliTest.Run warm = CliTest.run(concat(fineTune, "--max-steps", "1"));
        assertThat(warm.status()).as(warm.err()).isZero();
        assertThat(tuned.resolve("warm-start.json")).content().contains("step-00000003")
                .contains("copied from discriminator.safetensors");
        CliTest.Run both = CliTest.run(concat(fineTune, "--max-steps", "2", "--resume"));
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("drop --init-from").doesNotContain("at io.mytts");
    }

    @Test
    void melsWritesTheModelsTeacherForcedMelsAndTrainReadsThemThroughAResume() throws Exception {
        Path data = TrainCommandTest.toneCorpus(dir.resolve("corpus"));
        CliTest.Run prep = CliTest.run("prepare", "--data", data.toString(), "--preset", "tiny", "--threads", "1");
        assertThat(prep.status()).as(prep.err()).isZero();
        Path checkpoint = untrainedModel(data);
        Path mels = dir.resolve("cache-tf");
        String[] make = {"vocoder", "mels", "--checkpoint", checkpoint.toString(), "--data", data.toString(),
            "--out", mels.toString()};
        CliTest.Run part = CliTest.run(concat(make, "--limit", "2"));
        assertThat(part.status()).as(part.err()).isZero();
        assertThat(part.out()).contains("for 2 utterances").contains("mean L1").contains("incomplete");

        Path cfg = Files.writeString(dir.resolve("settings.json"), "{\"batch_size\": 2, \"segment_frames\": 8,"
                + " \"adversarial_from\": 1000, \"log_every\": 1, \"validate_every\": 2, \"validation_size\": 2}");
        Path run = dir.resolve("run");
        String[] train = {"vocoder", "train", "--data", data.toString(), "--out", run.toString(), "--tiny",
            "--config", cfg.toString()};
        CliTest.Run refused = CliTest.run(concat(train, "--max-steps", "1", "--mels", mels.toString()));
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).contains(mels.toString()).contains(data.resolve("cache").toString())
                .contains("4 of the corpus's 6 are missing").contains("unfinished").doesNotContain("at io.mytts");

        CliTest.Run rest = CliTest.run(concat(make, "--threads", "2"));
        assertThat(rest.status()).as(rest.err()).isZero();
        assertThat(rest.out()).contains("for 4 utterances").contains("2 kept from an earlier run").contains("complete:");
        try (FeatureCache real = FeatureCache.open(data.resolve("cache")); FeatureCache tf = FeatureCache.open(mels)) {
            assertThat(tf.ids()).isEqualTo(real.ids());
            assertThat(tf.manifest().at("/mels/checkpoint").asText())
                    .isEqualTo(checkpoint.resolve("model.zip").toAbsolutePath().normalize().toString());
        }

        CliTest.Run first = CliTest.run(concat(train, "--max-steps", "2", "--mels", mels.toString()));
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(run.resolve("config.json")).content().contains(mels.toAbsolutePath().normalize().toString());
        CliTest.Run resumed = CliTest.run(concat(train, "--max-steps", "3", "--resume"));
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("finished at step 3");
        CliTest.Run info = CliTest.run("vocoder", "info", run.resolve("checkpoints/step-00000003").toString());
        assertThat(info.out()).contains("mels: " + mels.toAbsolutePath().normalize());
        CliTest.Run other = CliTest.run(concat(train, "--max-steps", "4", "--resume", "--mels", data.toString()));
        assertThat(other.status()).isEqualTo(2);
        assertThat(other.err()).contains("--resume continues with the mels").doesNotContain("at io.mytts");
    }

    @Test
    void evalGivesTheVocodersAModelsTeacherForcedMelsOfTheHeldOutUtterances() throws Exception {
        Path data = TrainCommandTest.toneCorpus(dir.resolve("corpus"));
        assertThat(CliTest.run("prepare", "--data", data.toString(), "--preset", "tiny", "--threads", "1").status()).isZero();
        // The run's held-out ids, kept in its folder, are what the evaluation reads.
        Path cfg = Files.writeString(dir.resolve("settings.json"), "{\"batch_size\": 2, \"segment_frames\": 8,"
                + " \"adversarial_from\": 1000, \"log_every\": 1, \"validate_every\": 2, \"validation_size\": 2}");
        Path run = dir.resolve("run");
        CliTest.Run trained = CliTest.run("vocoder", "train", "--data", data.toString(), "--out", run.toString(), "--tiny",
                "--config", cfg.toString(), "--max-steps", "1");
        assertThat(trained.status()).as(trained.err()).isZero();
        List<String> heldOut = EvaluationTexts.readIds(run.resolve(Trainer.VALIDATION_IDS_FILE));
        assertThat(heldOut).hasSize(2).allMatch(id -> id.matches("t[0-5]"));

        // An untrained acoustic model's teacher-forced mels of the corpus stand in for a trained one's.
        Path mels = dir.resolve("cache-tf");
        CliTest.Run made = CliTest.run("vocoder", "mels", "--checkpoint", untrainedModel(data).toString(), "--data",
                data.toString(), "--out", mels.toString());
        assertThat(made.status()).as(made.err()).isZero();
        EvalCommand.recognizer = () -> new FixedTranscript("a cab");
        String[] eval = {"vocoder", "eval", "--vocoder", vocoder.toString(), "--texts",
            data.resolve("metadata.csv").toString(), "--reference-wavs", data.resolve("wavs").toString(),
            "--iterations", "4"};
        Path report = dir.resolve("tf.json");
        CliTest.Run r = CliTest.run(concat(eval, "--ids", run.resolve(Trainer.VALIDATION_IDS_FILE).toString(), "--mels",
                mels.toString(), "-o", report.toString()));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("the teacher-forced mels of " + mels + " of 2 sentences");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("mels").asText()).isEqualTo(mels.toString());
        assertThat(json.get("items")).extracting(i -> i.get("id").asText()).containsExactlyElementsOf(heldOut);
        // The untrained model's mels are not the recordings': Griffin-Lim of them is far from copy synthesis.
        Path copy = dir.resolve("copy.json");
        assertThat(CliTest.run(concat(eval, "--ids", run.resolve(Trainer.VALIDATION_IDS_FILE).toString(), "-o",
                copy.toString())).status()).isZero();
        JsonNode copied = new ObjectMapper().readTree(copy.toFile());
        assertThat(json.at("/summaries/0/mcd").asDouble()).isGreaterThan(copied.at("/summaries/0/mcd").asDouble() + 1);

        // Sentences of another corpus have no mel there: a clear error, exit 2.
        Path other = Files.writeString(dir.resolve("other.txt"), "x9|Not in the corpus.\n");
        Files.copy(data.resolve("wavs/t0.wav"), data.resolve("wavs/x9.wav"));
        CliTest.Run missing = CliTest.run("vocoder", "eval", "--vocoder", vocoder.toString(), "--texts", other.toString(),
                "--reference-wavs", data.resolve("wavs").toString(), "--mels", mels.toString(), "-o",
                dir.resolve("x.json").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("sentence x9 has no mel in " + mels).doesNotContain("at io.mytts");
    }

    /** An untrained acoustic model of the prepared corpus's symbols, as a run's checkpoint folder. */
    private Path untrainedModel(Path data) throws Exception {
        SymbolTable symbols = SymbolTable.read(data.resolve("cache").resolve(FeatureCache.SYMBOLS));
        Path checkpoint = Files.createDirectories(dir.resolve("ckpt"));
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(Presets.get("tiny"), symbols.size(), 80, m, 4)) {
            Checkpoint.writer(model).setProvenance(Provenance.current(null,
                    TextSettings.englishCharacters().withSymbols(symbols), null)).write(checkpoint.resolve("model.zip"));
        }
        return checkpoint;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
