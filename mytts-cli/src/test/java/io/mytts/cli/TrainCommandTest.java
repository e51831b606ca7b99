package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.audio.WavIO;
import io.mytts.config.Provenance;
import io.mytts.config.TTSConfig;
import io.mytts.data.FeatureCache;
import io.mytts.data.ProsodyStore;
import io.mytts.data.TokenProsody;
import io.mytts.eval.EvaluationTexts;
import io.mytts.model.Checkpoint;
import io.mytts.text.TextSettings;
import io.mytts.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mytts train} on a tiny corpus of tones made here (no speech tools needed). */
class TrainCommandTest {

    static Path toneCorpus(Path dir) throws Exception {
        Path wavs = Files.createDirectories(dir.resolve("wavs"));
        String[] texts = {"a cab", "bad dab", "ace", "cede bead", "dace", "abba"};
        StringBuilder meta = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            float[] s = new float[22050 * (3 + i % 3) / 10];
            double f = 220 + 55 * i;
            for (int n = 0; n < s.length; n++) {
                s[n] = (float) (0.3 * Math.sin(2 * Math.PI * f * n / 22050));
            }
            WavIO.write(wavs.resolve("t" + i + ".wav"), s, 22050);
            meta.append("t").append(i).append('|').append(texts[i]).append('|').append(texts[i]).append('\n');
        }
        Files.writeString(dir.resolve("metadata.csv"), meta);
        return dir;
    }

    /** The tone corpus, prepared. */
    private static Path preparedCorpus(Path tmp) throws Exception {
        Path data = toneCorpus(tmp.resolve("corpus"));
        CliTest.Run prep = CliTest.run("prepare", "--data", data.toString(), "--preset", "tiny", "--threads", "1");
        assertThat(prep.status()).as(prep.err()).isZero();
        return data;
    }

    @Test
    void trainsStopsAndResumesOnAPreparedCorpus(@TempDir Path tmp) throws Exception {
        Path data = preparedCorpus(tmp);
        Path cfg = tmp.resolve("overrides.json");
        Files.writeString(cfg, "{\"train\": {\"val_size\": 2, \"log_every\": 1, \"validate_every\": 2,"
                + " \"checkpoint_every\": 2}}");
        Path run = tmp.resolve("run");
        String[] common = {"train", "--data", data.toString(), "--preset", "tiny", "--config", cfg.toString(),
            "--out", run.toString()};

        CliTest.Run first = CliTest.run(concat(common, "--max-steps", "3"));
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("finished at step 3");
        // The preset and the overrides, merged.
        TTSConfig saved = io.mytts.config.ConfigFiles.read(run.resolve("config.json"));
        assertThat(saved.model().dModel()).isEqualTo(64);
        assertThat(saved.train().valSize()).isEqualTo(2);
        assertThat(saved.train().warmupSteps()).isEqualTo(100); // the tiny preset's
        assertThat(run.resolve("checkpoints/step-00000003/model.zip")).exists();
        assertThat(run.resolve("alignments/step-00000002-tf0.png")).exists();
        assertThat(run.resolve("samples/step-00000002-val0.wav")).exists();
        // The held-out ids, for evaluating on what the run never trained on (eval --ids RUN/validation-ids.txt).
        List<String> heldOut = EvaluationTexts.readIds(run.resolve(Trainer.VALIDATION_IDS_FILE));
        assertThat(heldOut).hasSize(2).doesNotHaveDuplicates().allMatch(id -> id.matches("t[0-5]"));

        CliTest.Run again = CliTest.run(concat(common, "--max-steps", "4"));
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err()).contains("--resume").doesNotContain("at io.mytts");

        CliTest.Run resumed = CliTest.run(concat(common, "--max-steps", "4", "--resume"));
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("finished at step 4");
        assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"step\":4,");

        // The checkpoint describes itself: the run's config and the corpus's text settings are inside.
        Path checkpoint = run.resolve("checkpoints/step-00000004/model.zip");
        Provenance p = Checkpoint.read(checkpoint).provenance();
        assertThat(p.config()).isEqualTo(saved);
        assertThat(p.text().withoutSymbols()).isEqualTo(TextSettings.englishCharacters());
        assertThat(p.text().symbols().size()).isEqualTo(Checkpoint.read(checkpoint).vocabSize());
        assertThat(p.datasetHash()).isNotBlank();
        assertThat(p.seed()).isEqualTo(saved.train().seed());
        // So packing it into a voice needs nothing else.
        Path voice = tmp.resolve("voices/tones");
        CliTest.Run pack = CliTest.run("voice", "pack", "--checkpoint", checkpoint.toString(), "-o", voice.toString());
        assertThat(pack.status()).as(pack.err()).isZero();
        CliTest.Run info = CliTest.run("voice", "info", voice.toString());
        assertThat(info.out()).contains("characters, en").contains("22050 Hz").contains("dataset " + p.datasetHash());
    }

    @Test
    void aNewRunStartsFromATrainedCheckpointOfTheSameArchitecture(@TempDir Path tmp) throws Exception {
        Path data = preparedCorpus(tmp);
        Path cfg = tmp.resolve("overrides.json");
        Files.writeString(cfg, "{\"train\": {\"val_size\": 2, \"validate_every\": 100, \"checkpoint_every\": 100}}");
        String[] common = {"train", "--data", data.toString(), "--preset", "tiny", "--config", cfg.toString()};
        CliTest.Run source = CliTest.run(concat(common, "--out", tmp.resolve("source").toString(), "--max-steps", "1"));
        assertThat(source.status()).as(source.err()).isZero();
        Path checkpoint = tmp.resolve("source/checkpoints/step-00000001/model.zip");

        Path run = tmp.resolve("warm");
        CliTest.Run warm = CliTest.run(concat(common, "--out", run.toString(), "--max-steps", "1",
                "--init-from", checkpoint.toString()));
        assertThat(warm.status()).as(warm.err()).isZero();
        String report = Files.readString(run.resolve("warm-start.json"));
        assertThat(report).contains(checkpoint.getFileName().toString()).contains("\"new_symbols\" : [ ]");

        CliTest.Run resumed = CliTest.run(concat(common, "--out", run.toString(), "--max-steps", "2", "--resume",
                "--init-from", checkpoint.toString()));
        assertThat(resumed.status()).isEqualTo(2);
        assertThat(resumed.err()).contains("drop --init-from");

        Path wider = tmp.resolve("wider.json");
        Files.writeString(wider, "{\"model\": {\"dff\": 96}, \"train\": {\"val_size\": 2}}");
        CliTest.Run other = CliTest.run("train", "--data", data.toString(), "--preset", "tiny", "--config",
                wider.toString(), "--out", tmp.resolve("other").toString(), "--max-steps", "1", "--init-from",
                checkpoint.toString());
        assertThat(other.status()).isEqualTo(2);
        assertThat(other.err()).contains("same model configuration").doesNotContain("at io.mytts");
    }

    @Test
    void missingFeaturesAndMissingRunsAreBadInput(@TempDir Path tmp) {
        CliTest.Run r = CliTest.run("train", "--data", tmp.toString(), "--preset", "tiny", "--out",
                tmp.resolve("run").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("mytts prepare").doesNotContain("at io.mytts");
        CliTest.Run resume = CliTest.run("train", "--data", tmp.toString(), "--out", tmp.resolve("none").toString(),
                "--resume");
        assertThat(resume.status()).isEqualTo(2);
        assertThat(resume.err()).contains("config.json");
    }

    @Test
    void trainsAndResumesAForwardModelOnTheCorpusDurations(@TempDir Path tmp) throws Exception {
        Path data = preparedCorpus(tmp);
        Path cfg = tmp.resolve("overrides.json");
        Files.writeString(cfg, "{\"train\": {\"val_size\": 2, \"log_every\": 1, \"validate_every\": 2}}");
        Path run = tmp.resolve("run");
        String[] common = {"train", "--model", "forward", "--data", data.toString(), "--preset", "forward-tiny",
            "--config", cfg.toString(), "--out", run.toString()};

        CliTest.Run none = CliTest.run(concat(common, "--max-steps", "2"));
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("mytts durations extract").doesNotContain("at io.mytts");

        writeEvenDurations(data.resolve("cache"));
        CliTest.Run first = CliTest.run(concat(common, "--max-steps", "2"));
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("finished at step 2");
        TTSConfig saved = io.mytts.config.ConfigFiles.read(run.resolve("config.json"));
        assertThat(saved.forward()).isNotNull();
        assertThat(saved.train().valSize()).isEqualTo(2);
        assertThat(run.resolve("samples/step-00000002-val0.wav")).exists();
        assertThat(run.resolve("durations/step-00000002-dur0.svg")).exists();

        // A resumed run keeps its model: no --model needed, a different one refused.
        CliTest.Run wrong = CliTest.run("train", "--model", "autoregressive", "--data", data.toString(),
                "--out", run.toString(), "--resume", "--max-steps", "3");
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.err()).contains("forward");
        CliTest.Run resumed = CliTest.run("train", "--data", data.toString(), "--out", run.toString(), "--resume",
                "--max-steps", "3");
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("finished at step 3");
        Checkpoint c = Checkpoint.read(run.resolve("checkpoints/step-00000003/model.zip"));
        assertThat(c.kind()).isEqualTo(io.mytts.model.ModelKind.FORWARD);
        assertThat(c.provenance().config()).isEqualTo(saved);

        CliTest.Run bad = CliTest.run("train", "--model", "diffusion", "--data", data.toString(), "--out",
                tmp.resolve("other").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("autoregressive, forward");
    }

    @Test
    void aForwardRunStartsFromATrainedForwardModelAndRefusesTheOtherKind(@TempDir Path tmp) throws Exception {
        Path data = preparedCorpus(tmp);
        writeEvenDurations(data.resolve("cache"));
        Path cfg = tmp.resolve("overrides.json");
        Files.writeString(cfg, "{\"train\": {\"val_size\": 2, \"validate_every\": 100, \"checkpoint_every\": 100}}");
        String[] forward = {"train", "--model", "forward", "--data", data.toString(), "--preset", "forward-tiny",
            "--config", cfg.toString(), "--max-steps", "1"};
        CliTest.Run source = CliTest.run(concat(forward, "--out", tmp.resolve("source").toString()));
        assertThat(source.status()).as(source.err()).isZero();
        Path checkpoint = tmp.resolve("source/checkpoints/step-00000001/model.zip");

        Path run = tmp.resolve("warm");
        CliTest.Run warm = CliTest.run(concat(forward, "--out", run.toString(), "--init-from", checkpoint.toString()));
        assertThat(warm.status()).as(warm.err()).isZero();
        assertThat(Files.readString(run.resolve("warm-start.json"))).contains("\"new_symbols\" : [ ]");
        // The warm run's first checkpoint is the source moved by one small step (Adam moves each weight
        // by about the learning rate), far closer to it than the source's own first step from scratch.
        Checkpoint to = Checkpoint.read(run.resolve("checkpoints/step-00000001/model.zip"));
        assertThat(to.kind()).isEqualTo(io.mytts.model.ModelKind.FORWARD);
        String weight = "decoder.layers.0.ffn.w1.weight";
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            float[] a = Checkpoint.read(checkpoint).parameterArrays(m).get(weight).toFloatArray();
            float[] b = to.parameterArrays(m).get(weight).toFloatArray();
            double most = 0;
            for (int i = 0; i < a.length; i++) {
                most = Math.max(most, Math.abs(a[i] - b[i]));
            }
            assertThat(most).isLessThan(1e-3);
        }

        CliTest.Run autoregressive = CliTest.run("train", "--data", data.toString(), "--preset", "tiny", "--config",
                cfg.toString(), "--max-steps", "1", "--out", tmp.resolve("ar").toString(), "--init-from",
                checkpoint.toString());
        assertThat(autoregressive.status()).isEqualTo(2);
        assertThat(autoregressive.err()).contains("holds a forward model").contains("autoregressive")
                .doesNotContain("at io.mytts");
        assertThat(tmp.resolve("ar/checkpoints")).doesNotExist();
    }

    /** What 'mytts durations extract' would write: each utterance's frames spread evenly over its tokens. */
    private static void writeEvenDurations(Path cacheDir) throws Exception {
        try (FeatureCache cache = FeatureCache.open(cacheDir)) {
            List<TokenProsody> items = new ArrayList<>();
            for (String id : cache.ids()) {
                int tokens = cache.tokens(id);
                int frames = cache.frames(id);
                int[] d = new int[tokens];
                for (int i = 0; i < tokens; i++) {
                    d[i] = frames / tokens + (i == tokens - 1 ? frames % tokens : 0);
                }
                items.add(new TokenProsody(id, frames, d, new float[tokens], new float[tokens]));
            }
            ProsodyStore.write(cache, new ProsodyStore.Source("mas", null, null), Map.of(ProsodyStore.SINGLE_SPEAKER,
                    new ProsodyStore.SpeakerStats(5.3, 0.2, -1.0, 2.0)), items);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
