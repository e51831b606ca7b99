package io.mytts.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.audio.MelSpectrogram;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.text.TextSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {

    @TempDir
    Path dir;
    Path corpus;
    Path cache;

    @BeforeEach
    void buildCorpus() throws IOException {
        Path t = dir.resolve("t.txt");
        Files.writeString(t, """
                C-1|One short line.
                C-2|A second line that is longer.
                C-3|Third.
                C-4|The fourth line of this corpus.
                C-5|Fifth line here.
                C-6|And the sixth, the longest line of all of them.
                """);
        corpus = dir.resolve("corpus");
        cache = corpus.resolve("cache");
        CorpusBuilder.builder().setTeachers(List.of(new FakeTeacher("fake:a"), new FakeTeacher("fake:b")))
                .setTranscripts(t).setOutput(corpus).build().build();
    }

    FeaturePreparer.Result prepare(AudioConfig audio, TextEncoder text) {
        return FeaturePreparer.builder().setDataset(new DatasetReader().read(corpus)).setCacheDir(cache)
                .setTextEncoder(text).optAudioConfig(audio).optShardSize(2).optThreads(2).build().prepare();
    }

    FeaturePreparer.Result prepare() {
        return prepare(AudioConfig.DEFAULT, new TestEncoder());
    }

    @Test
    void cachedFeaturesMatchADirectComputation() throws IOException {
        FeaturePreparer.Result r = prepare();
        assertThat(r.computed()).isEqualTo(6);
        assertThat(r.reused()).isZero();
        assertThat(cache.resolve(FeatureCache.SYMBOLS)).exists();
        MelSpectrogram mel = new MelSpectrogram(AudioConfig.DEFAULT);
        try (FeatureCache c = FeatureCache.open(cache)) {
            assertThat(c.ids()).containsExactly("C-1", "C-2", "C-3", "C-4", "C-5", "C-6");
            assertThat(c.speakers()).containsExactly("fake-a", "fake-b");
            for (String id : c.ids()) {
                CachedUtterance u = c.read(id);
                String text = c.text(id);
                assertThat(u.tokens()).containsExactly(new TestEncoder().encode(text));
                float[][] expected = mel.compute(WavIO.read(corpus.resolve("wavs/" + id + ".wav")).samples());
                assertThat(u.frames()).isEqualTo(expected.length).isEqualTo(c.frames(id));
                for (int f = 0; f < expected.length; f++) {
                    for (int m = 0; m < 80; m++) {
                        // float16 keeps 11 significant bits
                        assertThat(Math.abs(u.mel()[f][m] - expected[f][m]))
                                .isLessThanOrEqualTo(Math.abs(expected[f][m]) * 0x1p-11f + 1e-6f);
                    }
                }
            }
            assertThat(c.speakerIndex("C-1")).isZero();
            assertThat(c.speakerIndex("C-2")).isEqualTo(1);
            assertThat(c.manifest().path("utterances").asInt()).isEqualTo(6);
            assertThat(c.manifest().path("frames").path("max").asDouble())
                    .isEqualTo(c.ids().stream().mapToInt(c::frames).max().orElseThrow());
            assertThat(c.settingsHash()).hasSize(64);
        }
    }

    @Test
    void secondRunReusesAndRecomputesOnlyWhatChanged() throws IOException {
        prepare();
        FeaturePreparer.Result same = prepare();
        assertThat(same.computed()).isZero();
        assertThat(same.reused()).isEqualTo(6);

        // Replace one recording and add an item: only those two are computed.
        Path wav = corpus.resolve("wavs/C-3.wav");
        WavIO.write(wav, FakeTeacher.tone(30000, 22050), 22050);
        Files.setLastModifiedTime(wav, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        WavIO.write(corpus.resolve("wavs/C-7.wav"), FakeTeacher.tone(12000, 22050), 22050);
        Files.writeString(corpus.resolve("metadata.csv"), "C-7|A new one.|A new one.|fake-a\n", StandardOpenOption.APPEND);
        FeaturePreparer.Result changed = prepare();
        assertThat(changed.computed()).isEqualTo(2);
        assertThat(changed.reused()).isEqualTo(5);
        try (FeatureCache c = FeatureCache.open(cache)) {
            assertThat(c.ids()).hasSize(7).endsWith("C-7");
            assertThat(c.manifest().path("shards")).hasSize(shardFiles().size());
            assertThat(c.frames("C-3")).isEqualTo(new MelSpectrogram(AudioConfig.DEFAULT).compute(
                    WavIO.read(wav).samples()).length);
        }
    }

    @Test
    void shardsWhoseItemsAreAllGoneAreDeleted() throws IOException {
        prepare(); // shards of two: C-1 C-2 | C-3 C-4 | C-5 C-6
        assertThat(shardFiles()).hasSize(3);
        List<String> lines = Files.readAllLines(corpus.resolve("metadata.csv"));
        Files.write(corpus.resolve("metadata.csv"), lines.subList(0, 2)); // C-1 and C-2 only
        FeaturePreparer.Result r = prepare();
        assertThat(r.reused()).isEqualTo(2);
        assertThat(shardFiles()).hasSize(1);
        try (FeatureCache c = FeatureCache.open(cache)) {
            assertThat(c.ids()).containsExactly("C-1", "C-2");
        }
    }

    @Test
    void changedAudioOrTextSettingsInvalidateTheCache() throws IOException {
        prepare();
        AudioConfig fewerMels = new AudioConfig(22050, 1024, 256, 1024, 64, 0, 8000, 1e-5);
        FeaturePreparer.Result audioChanged = prepare(fewerMels, new TestEncoder());
        assertThat(audioChanged.invalidated()).isTrue();
        assertThat(audioChanged.computed()).isEqualTo(6);
        assertThat(audioChanged.reused()).isZero();
        try (FeatureCache c = FeatureCache.open(cache)) {
            assertThat(c.nMels()).isEqualTo(64);
            assertThat(c.read("C-1").mel()[0]).hasSize(64);
            assertThat(c.manifest().path("shards")).hasSize(shardFiles().size());
        }
        FeaturePreparer.Result textChanged = prepare(fewerMels, new TestEncoder("other"));
        assertThat(textChanged.invalidated()).isTrue();
        assertThat(textChanged.computed()).isEqualTo(6);
        FeaturePreparer.Result unchanged = prepare(fewerMels, new TestEncoder("other"));
        assertThat(unchanged.invalidated()).isFalse();
        assertThat(unchanged.computed()).isZero();
    }

    @Test
    void anInterruptedRunKeepsItsFinishedShards() throws IOException {
        prepare();
        // As if killed before the manifest was written, while a shard was being written.
        Files.delete(cache.resolve(FeatureCache.MANIFEST));
        Files.writeString(cache.resolve("shard-00009.bin.tmp"), "partial");
        Files.delete(shardFiles().get(0));
        FeaturePreparer.Result r = prepare();
        assertThat(r.computed()).isEqualTo(2);
        assertThat(r.reused()).isEqualTo(4);
        assertThat(cache.resolve("shard-00009.bin.tmp")).doesNotExist();
        try (FeatureCache c = FeatureCache.open(cache)) {
            assertThat(c.ids()).hasSize(6);
        }
    }

    @Test
    void missingCacheIsAClearError() {
        assertThatThrownBy(() -> FeatureCache.open(dir.resolve("none"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mytts prepare");
    }

    List<Path> shardFiles() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
        }
    }
}
