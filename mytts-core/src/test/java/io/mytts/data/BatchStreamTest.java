package io.mytts.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchStreamTest {

    @TempDir
    static Path dir;
    static FeatureCache cache;

    @BeforeAll
    static void prepare() throws IOException {
        StringBuilder t = new StringBuilder();
        String words = "the quick brown fox jumps over a lazy dog while birds sing softly";
        for (int i = 0; i < 24; i++) {
            // lengths from 3 to 60 characters: 0.15 to 3 s of fake speech
            t.append(String.format("B-%02d|%s%n", i, words.substring(0, 3 + (i * 37) % 58).strip()));
        }
        Files.writeString(dir.resolve("t.txt"), t);
        Path corpus = dir.resolve("corpus");
        CorpusBuilder.builder().setTeachers(List.of(new FakeTeacher("fake:a"))).setTranscripts(dir.resolve("t.txt"))
                .setOutput(corpus).build().build();
        FeaturePreparer.builder().setDataset(new DatasetReader().read(corpus)).setCacheDir(corpus.resolve("cache"))
                .setTextEncoder(new TestEncoder()).optShardSize(5).build().prepare();
        cache = FeatureCache.open(corpus.resolve("cache"));
    }

    @AfterAll
    static void close() {
        cache.close();
    }

    @ParameterizedTest
    @CsvSource({"600, 8, 1, 11", "1200, 4, 2, 12", "400, 32, 4, 13"})
    void batchesAreBoundedPaddedAndMasked(int batchFrames, int maxBatch, int pad, long seed) {
        List<String> ids = cache.ids();
        Map<String, Integer> seen = new HashMap<>();
        try (BatchStream s = BatchStream.training(cache, ids, batchFrames, maxBatch, pad, seed, BatchPosition.START)) {
            int n = s.batchesPerEpoch();
            for (int k = 0; k < n; k++) {
                Batch b = s.next();
                assertThat(b.size()).isBetween(1, maxBatch);
                assertThat(b.maxFrames() % pad).isZero();
                assertThat((long) b.maxFrames() * b.size()).isLessThanOrEqualTo(batchFrames);
                for (int i = 0; i < b.size(); i++) {
                    seen.merge(b.ids()[i], 1, Integer::sum);
                    CachedUtterance u = cache.read(b.ids()[i]);
                    int f = u.frames();
                    int t = u.tokens().length;
                    assertThat(b.melLengths()[i]).isEqualTo(f);
                    assertThat(b.tokenLengths()[i]).isEqualTo(t);
                    assertThat(Arrays.copyOf(b.tokens()[i], t)).containsExactly(u.tokens());
                    for (int j = 0; j < b.maxTokens(); j++) {
                        assertThat(b.tokenMask()[i][j]).isEqualTo(j < t);
                        if (j >= t) {
                            assertThat(b.tokens()[i][j]).isZero();
                        }
                    }
                    for (int j = 0; j < b.maxFrames(); j++) {
                        assertThat(b.melMask()[i][j]).isEqualTo(j < f);
                        assertThat(b.stopTargets()[i][j]).isEqualTo(j >= f - 1 ? 1f : 0f);
                        assertThat(b.mels()[i][j]).containsExactly(j < f ? u.mel()[j] : new float[80]);
                    }
                    assertThat(b.speakers()[i]).isZero();
                }
                assertThat(b.position()).isEqualTo(k + 1 < n ? new BatchPosition(0, k + 1) : new BatchPosition(1, 0));
            }
        }
        assertThat(seen).hasSize(ids.size()).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void resumingFromASavedPositionGivesTheSameBatches() {
        List<String> ids = cache.ids();
        List<List<String>> straight = new ArrayList<>();
        BatchPosition saved = null;
        try (BatchStream s = BatchStream.training(cache, ids, 500, 6, 1, 7, BatchPosition.START)) {
            int perEpoch = s.batchesPerEpoch();
            for (int k = 0; k < perEpoch + 5; k++) { // across an epoch boundary
                Batch b = s.next();
                if (k == 2) {
                    saved = b.position();
                }
                if (k > 2) {
                    straight.add(List.of(b.ids()));
                }
            }
        }
        assertThat(saved).isEqualTo(new BatchPosition(0, 3));
        List<List<String>> resumed = new ArrayList<>();
        try (BatchStream s = BatchStream.training(cache, ids, 500, 6, 1, 7, saved)) {
            for (int k = 0; k < straight.size(); k++) {
                resumed.add(List.of(s.next().ids()));
            }
        }
        assertThat(resumed).isEqualTo(straight);
    }

    @Test
    void validationIsOneOrderedPassOverItsIds() {
        DataSplit split = DataSplit.bySeed(cache.ids(), 5, 3);
        List<String> got = new ArrayList<>();
        List<String> again = new ArrayList<>();
        try (BatchStream s = BatchStream.validation(cache, split.validation(), 400, 2, 1)) {
            s.forEachRemaining(b -> got.addAll(List.of(b.ids())));
        }
        try (BatchStream s = BatchStream.validation(cache, split.validation(), 400, 2, 1)) {
            s.forEachRemaining(b -> again.addAll(List.of(b.ids())));
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(split.validation()).isEqualTo(again);
    }
}
