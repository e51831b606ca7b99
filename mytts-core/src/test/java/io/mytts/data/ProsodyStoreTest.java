package io.mytts.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.config.AudioConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProsodyStoreTest {

    @TempDir
    Path dir;
    Path cacheDir;

    @BeforeEach
    void prepareCache() throws IOException {
        Path t = dir.resolve("t.txt");
        Files.writeString(t, "P-1|One short line.\nP-2|A second line.\nP-3|Third.\n");
        Path corpus = dir.resolve("corpus");
        cacheDir = corpus.resolve("cache");
        CorpusBuilder.builder().setTeachers(List.of(new FakeTeacher("fake:a"))).setTranscripts(t)
                .setOutput(corpus).build().build();
        FeaturePreparer.builder().setDataset(new DatasetReader().read(corpus)).setCacheDir(cacheDir)
                .setTextEncoder(new TestEncoder()).optAudioConfig(AudioConfig.DEFAULT).optThreads(1).build()
                .prepare();
    }

    /** Durations spread evenly over the tokens, the remainder on the last. */
    static TokenProsody even(String id, int frames, int tokens) {
        int[] d = new int[tokens];
        for (int i = 0; i < tokens; i++) {
            d[i] = frames / tokens + (i == tokens - 1 ? frames % tokens : 0);
        }
        float[] pitch = new float[tokens];
        float[] energy = new float[tokens];
        for (int i = 0; i < tokens; i++) {
            pitch[i] = 0.1f * i;
            energy[i] = -0.2f * i;
        }
        return new TokenProsody(id, frames, d, pitch, energy);
    }

    static final Map<String, ProsodyStore.SpeakerStats> STATS =
            Map.of(ProsodyStore.SINGLE_SPEAKER, new ProsodyStore.SpeakerStats(5.3, 0.2, -1.0, 2.0));

    @Test
    void whatIsWrittenReadsBackForEveryUtterance() throws IOException {
        try (FeatureCache cache = FeatureCache.open(cacheDir)) {
            List<TokenProsody> items = new ArrayList<>();
            for (String id : cache.ids()) {
                items.add(even(id, cache.frames(id), cache.tokens(id)));
            }
            assertThat(ProsodyStore.exists(cache)).isFalse();
            ProsodyStore.write(cache, new ProsodyStore.Source("attention", "model.zip", "abc"), STATS, items);
            assertThat(ProsodyStore.exists(cache)).isTrue();
            ProsodyStore store = ProsodyStore.read(cache);
            assertThat(store.rejected()).isEmpty();
            assertThat(store.ids()).containsExactlyElementsOf(cache.ids());
            for (TokenProsody p : items) {
                assertThat(store.get(p.id())).contains(p);
            }
            assertThat(store.source().method()).isEqualTo("attention");
            assertThat(store.stats(null).logF0Std()).isEqualTo(0.2);
        }
    }

    @Test
    void entriesThatDoNotMatchTheCacheAreReportedAndSkipped() throws IOException {
        try (FeatureCache cache = FeatureCache.open(cacheDir)) {
            List<String> ids = cache.ids();
            String a = ids.get(0);
            String b = ids.get(1);
            String c = ids.get(2);
            List<TokenProsody> items = List.of(
                    even(a, cache.frames(a), cache.tokens(a)),
                    even(b, cache.frames(b) + 1, cache.tokens(b)),
                    even(c, cache.frames(c), cache.tokens(c) + 1),
                    even("P-missing", 10, 2));
            ProsodyStore.write(cache, new ProsodyStore.Source("mas", null, null), STATS, items);
            ProsodyStore store = ProsodyStore.read(cache);
            assertThat(store.ids()).containsExactly(a);
            assertThat(store.rejected()).extracting(ProsodyStore.Rejected::id).containsExactly(b, c, "P-missing");
            assertThat(store.rejected().get(0).reason()).contains("mel frames");
            assertThat(store.rejected().get(1).reason()).contains("tokens");
            assertThat(store.rejected().get(2).reason()).contains("not in the feature cache");
        }
    }

    @Test
    void aFileForOtherSettingsOrNoFileIsAClearError() throws IOException {
        try (FeatureCache cache = FeatureCache.open(cacheDir)) {
            assertThatThrownBy(() -> ProsodyStore.read(cache)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("durations extract");
            ProsodyStore.write(cache, new ProsodyStore.Source("mas", null, null), STATS, List.of());
            Path file = cacheDir.resolve(ProsodyStore.FILE);
            Files.writeString(file, Files.readString(file).replace(cache.settingsHash(), "other"));
            assertThatThrownBy(() -> ProsodyStore.read(cache)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("other settings");
        }
    }

    /** A file of format version 1, written before frame values existed, reads as it did. */
    @Test
    void aVersionOneFileReads() throws IOException {
        try (FeatureCache cache = FeatureCache.open(cacheDir)) {
            StringBuilder entries = new StringBuilder();
            for (String id : cache.ids()) {
                TokenProsody p = even(id, cache.frames(id), cache.tokens(id));
                entries.append(entries.length() == 0 ? "" : ",\n").append("{\"id\": \"").append(id)
                        .append("\", \"frames\": ").append(p.frames()).append(", \"durations\": ")
                        .append(Arrays.toString(p.durations())).append(", \"pitch\": ")
                        .append(Arrays.toString(p.pitch())).append(", \"energy\": ")
                        .append(Arrays.toString(p.energy())).append('}');
            }
            Files.writeString(cacheDir.resolve(ProsodyStore.FILE), "{\"format\": \"mytts-prosody\", \"format_version\": 1,"
                    + " \"settings_hash\": \"" + cache.settingsHash() + "\", \"source\": {\"method\": \"attention\","
                    + " \"checkpoint\": \"model.zip\", \"checkpoint_sha256\": \"abc\"}, \"speakers\": {\"\": {\"log_f0_mean\":"
                    + " 5.3, \"log_f0_std\": 0.2, \"energy_mean\": -1.0, \"energy_std\": 2.0}}, \"utterances\": ["
                    + entries + "]}");
            ProsodyStore store = ProsodyStore.read(cache);
            assertThat(store.rejected()).isEmpty();
            assertThat(store.ids()).containsExactlyElementsOf(cache.ids());
            for (String id : cache.ids()) {
                assertThat(store.get(id)).contains(even(id, cache.frames(id), cache.tokens(id)));
            }
            assertThat(store.frameIds()).isEmpty();
            assertThat(store.stats(null)).isEqualTo(STATS.get(ProsodyStore.SINGLE_SPEAKER));
            // Written again with per-token values only, it is still a version 1 file.
            ProsodyStore.write(cache, store.source(), STATS, List.of(store.get(cache.ids().get(0)).orElseThrow()));
            assertThat(Files.readString(cacheDir.resolve(ProsodyStore.FILE))).contains("\"format_version\" : 1")
                    .doesNotContain("frame_");
        }
    }

    @Test
    void frameValuesRoundTripWithUnvoicedFramesAndWithoutDurations() throws IOException {
        try (FeatureCache cache = FeatureCache.open(cacheDir)) {
            List<String> ids = cache.ids();
            List<FrameProsody> frames = new ArrayList<>();
            for (String id : ids) {
                int n = cache.frames(id);
                float[] pitch = new float[n];
                float[] energy = new float[n];
                for (int t = 0; t < n; t++) {
                    pitch[t] = t % 3 == 0 ? Float.NaN : 0.01f * t;
                    energy[t] = -0.02f * t;
                }
                frames.add(new FrameProsody(id, pitch, energy));
            }
            // The first utterance has durations too; the last one's frame count is wrong.
            String a = ids.get(0);
            String c = ids.get(2);
            FrameProsody bad = new FrameProsody(c, new float[cache.frames(c) + 1], new float[cache.frames(c) + 1]);
            ProsodyStore.write(cache, new ProsodyStore.Source("none", null, null), STATS,
                    List.of(even(a, cache.frames(a), cache.tokens(a))), List.of(frames.get(0), frames.get(1), bad));
            assertThat(Files.readString(cacheDir.resolve(ProsodyStore.FILE))).contains("\"format_version\" : 2")
                    .contains("null");
            ProsodyStore store = ProsodyStore.read(cache);
            assertThat(store.ids()).containsExactly(a);
            assertThat(store.frameIds()).containsExactly(a, ids.get(1));
            assertThat(store.frames(a)).contains(frames.get(0));
            assertThat(store.frames(ids.get(1))).contains(frames.get(1));
            assertThat(Float.isNaN(store.frames(a).orElseThrow().pitch()[0])).isTrue();
            assertThat(store.rejected()).extracting(ProsodyStore.Rejected::id).containsExactly(c);
            assertThat(store.rejected().get(0).reason()).contains("frame values");
        }
    }

    @Test
    void perTokenValuesAreTheMeansOfTheirFrames() {
        float nan = Float.NaN;
        FrameProsody f = new FrameProsody("u", new float[] {0, nan, 1, nan, nan}, new float[] {-2, -1, 0, 1, 2});
        TokenProsody p = f.perToken(new int[] {3, 0, 2});
        assertThat(p.frames()).isEqualTo(5);
        assertThat(p.pitch()).containsExactly(0.5f, 0f, 0f);
        assertThat(p.energy()).containsExactly(-1f, 0f, 1.5f);
    }

    @Test
    void durationsMustSumToTheMelLength() {
        assertThatThrownBy(() -> new TokenProsody("x", 10, new int[] {3, 3}, new float[2], new float[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 6");
        assertThatThrownBy(() -> new TokenProsody("x", 0, new int[] {1, -1}, new float[2], new float[2]))
                .hasMessageContaining("negative");
    }

    @Test
    void aSemitoneShiftIsItsShareOfAnOctaveInTheSpeakersDeviations() {
        ProsodyStore.SpeakerStats s = new ProsodyStore.SpeakerStats(5.0, Math.log(2) / 12, 0, 1);
        assertThat(s.pitchShift(2)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
    }
}
