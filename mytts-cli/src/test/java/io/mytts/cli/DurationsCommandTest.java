package io.mytts.cli;

import io.mytts.text.TextSettings;
import io.mytts.config.Provenance;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.mytts.config.Presets;
import io.mytts.config.StrictJson;
import io.mytts.config.TTSConfig;
import io.mytts.data.FeatureCache;
import io.mytts.data.FrameProsody;
import io.mytts.data.ProsodyStore;
import io.mytts.data.TokenProsody;
import io.mytts.model.Checkpoint;
import io.mytts.model.TransformerTTS;
import io.mytts.text.SymbolTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mytts durations extract} on the tiny corpus of tones of the train test and an untrained tiny checkpoint. */
class DurationsCommandTest {

    private static Path tinyCheckpoint(Path file, List<String> symbols) throws Exception {
        TTSConfig c = Presets.config("tiny");
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(c.model(), symbols.size(), c.audio().nMels(), m, 7)) {
            Checkpoint.writer(model).setProvenance(Provenance.current(null,
                    TextSettings.englishCharacters().withSymbols(SymbolTable.of(symbols)), null)).write(file);
        }
        return file;
    }

    @Test
    void writesProsodyTheCacheAcceptsAndAReport(@TempDir Path tmp) throws Exception {
        Path data = TrainCommandTest.toneCorpus(tmp.resolve("corpus"));
        CliTest.Run prep = CliTest.run("prepare", "--data", data.toString(), "--preset", "tiny", "--threads", "1");
        assertThat(prep.status()).as(prep.err()).isZero();
        SymbolTable symbols = SymbolTable.read(data.resolve("cache").resolve(FeatureCache.SYMBOLS));
        Path ckpt = tinyCheckpoint(tmp.resolve("model.zip"), symbols.symbols());
        Path report = tmp.resolve("report");

        CliTest.Run r = CliTest.run("durations", "extract", "--checkpoint", ckpt.toString(), "--data", data.toString(),
                "--report", report.toString(), "--worst", "2", "--threads", "2");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 utterances").contains("every token covered");

        try (FeatureCache cache = FeatureCache.open(data.resolve("cache"))) {
            ProsodyStore store = ProsodyStore.read(cache);
            assertThat(store.rejected()).isEmpty();
            assertThat(store.ids()).containsExactlyElementsOf(cache.ids());
            assertThat(store.source().method()).isEqualTo("attention");
            assertThat(store.source().checkpointSha256()).hasSize(64);
            // Tones of 220 to 495 Hz.
            ProsodyStore.SpeakerStats stats = store.stats(null);
            assertThat(Math.exp(stats.logF0Mean())).isBetween(220.0, 495.0);
            for (String id : store.ids()) {
                TokenProsody p = store.get(id).orElseThrow();
                assertThat(p.tokens()).isEqualTo(cache.tokens(id));
                assertThat(p.frames()).isEqualTo(cache.frames(id));
            }
        }
        assertThat(report.resolve("index.html")).exists();
        assertThat(report.resolve("worst-0.png")).exists();
        JsonNode summary = StrictJson.readTree(report.resolve("summary.json"));
        assertThat(summary.path("utterances").asInt()).isEqualTo(6);
        assertThat(summary.path("coverage").asDouble()).isBetween(0.0, 1.0);
        assertThat(summary.path("worst")).hasSize(2);
        assertThat(summary.path("least_diagonal")).hasSize(2);
        assertThat(report.resolve("diagonal-1.png")).exists();

        CliTest.Run mas = CliTest.run("durations", "extract", "--checkpoint", ckpt.toString(), "--data",
                data.toString(), "--method", "mas", "--limit", "2");
        assertThat(mas.status()).as(mas.err()).isZero();
        try (FeatureCache cache = FeatureCache.open(data.resolve("cache"))) {
            ProsodyStore store = ProsodyStore.read(cache);
            assertThat(store.size()).isEqualTo(2);
            for (String id : store.ids()) {
                assertThat(java.util.Arrays.stream(store.get(id).orElseThrow().durations()).min().getAsInt()).isPositive();
            }
        }
    }

    /** No teacher: frame values only, and a forward model that learns its alignment trains on them. */
    @Test
    void methodNoneWritesFrameValuesThatALearnedAlignmentTrainsOn(@TempDir Path tmp) throws Exception {
        Path data = TrainCommandTest.toneCorpus(tmp.resolve("corpus"));
        assertThat(CliTest.run("prepare", "--data", data.toString(), "--preset", "tiny", "--threads", "1").status())
                .isZero();
        CliTest.Run noCheckpoint = CliTest.run("durations", "extract", "--data", data.toString());
        assertThat(noCheckpoint.status()).isEqualTo(2);
        assertThat(noCheckpoint.err()).contains("--checkpoint is required").contains("--method none");

        CliTest.Run r = CliTest.run("durations", "extract", "--data", data.toString(), "--method", "none");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("per frame of 6 utterances");
        try (FeatureCache cache = FeatureCache.open(data.resolve("cache"))) {
            ProsodyStore store = ProsodyStore.read(cache);
            assertThat(store.source().method()).isEqualTo("none");
            assertThat(store.ids()).isEmpty();
            assertThat(store.frameIds()).containsExactlyElementsOf(cache.ids());
            for (String id : cache.ids()) {
                FrameProsody f = store.frames(id).orElseThrow();
                assertThat(f.frames()).isEqualTo(cache.frames(id));
                // Tones: voiced throughout but for the edges.
                long voiced = IntStream.range(0, f.frames()).filter(t -> !Float.isNaN(f.pitch()[t])).count();
                assertThat(voiced).isGreaterThan(f.frames() / 2);
            }
        }

        Path cfg = tmp.resolve("learned.json");
        Files.writeString(cfg, "{\"forward\": {\"alignment\": \"learned\"}, \"train\": {\"val_size\": 2,"
                + " \"log_every\": 1, \"validate_every\": 2}}");
        Path run = tmp.resolve("run");
        CliTest.Run train = CliTest.run("train", "--model", "forward", "--data", data.toString(), "--preset",
                "forward-tiny", "--config", cfg.toString(), "--out", run.toString(), "--max-steps", "2");
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"alignment_loss\"");
        assertThat(run.resolve("alignments/step-00000002-mas0.png")).exists();
    }

    @Test
    void aCheckpointOfOtherSymbolsOrAMissingCorpusIsBadInput(@TempDir Path tmp) throws Exception {
        Path data = TrainCommandTest.toneCorpus(tmp.resolve("corpus"));
        assertThat(CliTest.run("prepare", "--data", data.toString(), "--preset", "tiny", "--threads", "1").status())
                .isZero();
        List<String> other = new ArrayList<>(SymbolTable.read(data.resolve("cache").resolve(FeatureCache.SYMBOLS))
                .symbols());
        other.add("%");
        Path ckpt = tinyCheckpoint(tmp.resolve("other.zip"), other);
        CliTest.Run r = CliTest.run("durations", "extract", "--checkpoint", ckpt.toString(), "--data", data.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("other symbols").doesNotContain("at io.mytts");
        assertThat(data.resolve("cache").resolve(ProsodyStore.FILE)).doesNotExist();

        CliTest.Run missing = CliTest.run("durations", "extract", "--checkpoint", ckpt.toString(), "--data",
                tmp.resolve("nowhere").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");
    }
}
