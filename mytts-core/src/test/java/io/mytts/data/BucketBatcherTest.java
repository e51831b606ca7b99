package io.mytts.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketBatcherTest {

    private static int[] randomFrames(Random r, int n) {
        int[] f = new int[n];
        for (int i = 0; i < n; i++) {
            f[i] = 20 + r.nextInt(600);
        }
        return f;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 1234})
    void everyItemOnceAndEveryBatchWithinBounds(long seed) {
        Random r = new Random(seed);
        int n = 50 + r.nextInt(500);
        int[] frames = randomFrames(r, n);
        int batchFrames = 700 + r.nextInt(5000);
        int maxBatch = 1 + r.nextInt(40);
        int pad = 1 + r.nextInt(4);
        BucketBatcher b = new BucketBatcher(frames, batchFrames, maxBatch, pad, seed);
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[n];
            for (int[] batch : b.epoch(epoch)) {
                assertThat(batch.length).isBetween(1, maxBatch);
                int longest = Arrays.stream(batch).map(i -> frames[i]).max().orElseThrow();
                int padded = (longest + pad - 1) / pad * pad;
                assertThat((long) padded * batch.length).isLessThanOrEqualTo(batchFrames);
                for (int i : batch) {
                    seen[i]++;
                }
            }
            assertThat(seen).containsOnly(1);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 99})
    void sameSeedAndEpochSameBatchesOtherwiseDifferent(long seed) {
        int[] frames = randomFrames(new Random(seed), 300);
        List<int[]> a = new BucketBatcher(frames, 3000, 16, 1, seed).epoch(2);
        List<int[]> b = new BucketBatcher(frames, 3000, 16, 1, seed).epoch(2);
        List<int[]> c = new BucketBatcher(frames, 3000, 16, 1, seed).epoch(3);
        List<int[]> d = new BucketBatcher(frames, 3000, 16, 1, seed + 1).epoch(2);
        assertThat(a).usingElementComparator(Arrays::compare).containsExactlyElementsOf(b);
        assertThat(a).usingElementComparator(Arrays::compare).isNotEqualTo(c);
        assertThat(a).usingElementComparator(Arrays::compare).isNotEqualTo(d);
    }

    @Test
    void bucketingKeepsPaddingLow() {
        // Sorting inside pools must beat random batching by far on padding.
        int[] frames = randomFrames(new Random(5), 2000);
        BucketBatcher b = new BucketBatcher(frames, 4000, 32, 1, 5);
        long real = 0;
        long padded = 0;
        for (int[] batch : b.epoch(0)) {
            int longest = Arrays.stream(batch).map(i -> frames[i]).max().orElseThrow();
            padded += (long) longest * batch.length;
            real += Arrays.stream(batch).map(i -> frames[i]).sum();
        }
        assertThat(real / (double) padded).isGreaterThan(0.9);
    }

    @Test
    void anItemLongerThanABatchIsRejected() {
        assertThatThrownBy(() -> new BucketBatcher(new int[] {10, 501}, 500, 8, 1, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("501 frames");
    }
}
