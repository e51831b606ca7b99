package io.mytts.align;

import static io.mytts.align.AlignmentsTest.oneHot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DecodingScoreTest {

    private static final FailureCriteria CRITERIA = FailureCriteria.defaults();

    private static int[] path(int frames, int... tokens) {
        return Arrays.stream(tokens).flatMap(t -> IntStream.generate(() -> t).limit(frames)).toArray();
    }

    private static float[] stops(int steps, float last) {
        float[] stop = new float[steps];
        stop[steps - 1] = last;
        return stop;
    }

    private static DecodingScore score(int[] path, int tokens, float lastStop) {
        return DecodingScore.of(oneHot(path, tokens), path.length, tokens, stops(path.length, lastStop), CRITERIA);
    }

    @Test
    void aCompleteMonotonicDecodingScoresFull() {
        DecodingScore s = score(path(4, 0, 1, 2, 3, 4, 5), 6, 0.9f);
        assertThat(s.failures().any()).isFalse();
        assertThat(s.coverage()).isEqualTo(1.0);
        assertThat(s.monotonicity()).isEqualTo(1.0);
        assertThat(s.stopConfidence()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.failureKinds()).isZero();
    }

    @Test
    void partsFallWithSkipsAndRepeats() {
        DecodingScore skips = score(path(4, 0, 1, 3, 5), 6, 0.9f);
        assertThat(skips.coverage()).isCloseTo(4 / 6.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(skips.monotonicity()).isEqualTo(1.0);
        DecodingScore repeats = score(path(4, 0, 1, 2, 3, 1, 2, 3, 4, 5), 6, 0.9f);
        assertThat(repeats.coverage()).isEqualTo(1.0);
        // the steps on 1 after reaching 3 are behind it by 2 (minBacktrack): 4 of 36.
        assertThat(repeats.monotonicity()).isCloseTo(1 - 4 / 36.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** A complete monotonic hypothesis beats one that skips, whatever the order they come in. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void prefersTheCompleteMonotonicHypothesis(long seed) {
        Random random = new Random(seed);
        int tokens = 6 + random.nextInt(6);
        int[] all = IntStream.range(0, tokens).toArray();
        int dropped = 1 + random.nextInt(tokens - 2);
        int[] skipping = IntStream.range(0, tokens).filter(t -> t != dropped).toArray();
        int[] backAgain = IntStream.concat(IntStream.range(0, tokens), IntStream.range(tokens / 2, tokens)).toArray();
        DecodingScore complete = score(path(3, all), tokens, 0.6f);
        // The faulty ones are even more confident about their stop: that must not save them.
        DecodingScore skips = score(path(3, skipping), tokens, 0.99f);
        DecodingScore repeats = score(path(3, backAgain), tokens, 0.99f);
        DecodingScore unfinished = score(path(3, all), tokens, 0.1f);
        List<DecodingScore> ranked = new ArrayList<>(List.of(unfinished, skips, repeats, complete));
        java.util.Collections.shuffle(ranked, random);
        ranked.sort(DecodingScore.BEST_FIRST);
        assertThat(ranked.get(0)).isSameAs(complete);
        assertThat(ranked.get(ranked.size() - 1)).isSameAs(unfinished);
        assertThat(skips.failures().skippedTokens()).hasSize(1);
        assertThat(repeats.failures().repeatedTokens()).isNotEmpty();
    }

    @Test
    void amongCleanHypothesesTheMoreConfidentStopWins() {
        DecodingScore sure = score(path(4, 0, 1, 2, 3), 4, 0.95f);
        DecodingScore unsure = score(path(4, 0, 1, 2, 3), 4, 0.55f);
        assertThat(DecodingScore.BEST_FIRST.compare(sure, unsure)).isNegative();
    }
}
