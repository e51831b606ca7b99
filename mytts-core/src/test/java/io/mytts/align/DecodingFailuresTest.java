package io.mytts.align;

import static io.mytts.align.AlignmentsTest.oneHot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DecodingFailuresTest {

    /** Each token held for {@code frames} steps, in order. */
    private static int[] path(int frames, int... tokens) {
        return Arrays.stream(tokens).flatMap(t -> IntStream.generate(() -> t).limit(frames)).toArray();
    }

    private static float[] stopAtEnd(int steps) {
        float[] stop = new float[steps];
        stop[steps - 1] = 0.9f;
        return stop;
    }

    @Test
    void cleanDecodingHasNoFailure() {
        int[] p = path(5, 0, 1, 2, 3, 4, 5, 6, 7);
        DecodingFailures f = Alignments.detectFailures(oneHot(p, 8), stopAtEnd(p.length));
        assertThat(f.any()).isFalse();
        assertThat(f.summary()).isEqualTo("ok");
        assertThat(f.longestRunSteps()).isEqualTo(5);
    }

    @Test
    void findsSkippedTokens() {
        int[] p = path(5, 0, 1, 2, 4, 5, 7);
        DecodingFailures f = Alignments.detectFailures(oneHot(p, 8), stopAtEnd(p.length));
        assertThat(f.skippedTokens()).containsExactly(3, 6);
        assertThat(f.repeatedTokens()).isEmpty();
        assertThat(f.any()).isTrue();
        assertThat(f.summary()).contains("skipped tokens [3, 6]");
    }

    @Test
    void aShortTokenWithAttentionIsNotSkipped() {
        int[] p = path(5, 0, 1, 2, 4);
        float[][] a = oneHot(p, 5);
        for (int s = 10; s < 15; s++) { // token 3 shares the frames of token 2
            a[s][2] = 0.6f;
            a[s][3] = 0.4f;
        }
        DecodingFailures f = Alignments.detectFailures(a, stopAtEnd(p.length));
        assertThat(f.skippedTokens()).isEmpty();
    }

    @Test
    void findsRepeatedTokensButNotBoundaryJitter() {
        int[] p = path(3, 0, 1, 2, 3, 4, 5, 6, 3, 4, 5, 6, 7);
        DecodingFailures f = Alignments.detectFailures(oneHot(p, 8), stopAtEnd(p.length));
        assertThat(f.repeatedTokens()).containsExactly(3, 4);
        int[] jitter = path(3, 0, 1, 2, 1, 2, 3, 2, 3, 4);
        assertThat(Alignments.detectFailures(oneHot(jitter, 5), stopAtEnd(jitter.length)).repeatedTokens()).isEmpty();
    }

    @Test
    void findsStuckAttention() {
        int[] p = IntStream.concat(IntStream.of(path(5, 0, 1)), IntStream.concat(
                IntStream.generate(() -> 2).limit(60), IntStream.of(path(5, 3)))).toArray();
        DecodingFailures f = Alignments.detectFailures(oneHot(p, 4), stopAtEnd(p.length));
        assertThat(f.attentionStuck()).isTrue();
        assertThat(f.longestRunToken()).isEqualTo(2);
        assertThat(f.longestRunSteps()).isEqualTo(60);
        assertThat(f.longestRunStart()).isEqualTo(10);
        FailureCriteria lenient = FailureCriteria.builder().optStuckSteps(60).build();
        assertThat(Alignments.detectFailures(oneHot(p, 4), p.length, 4, stopAtEnd(p.length), lenient)
                .attentionStuck()).isFalse();
    }

    @Test
    void findsStopThatNeverFired() {
        int[] p = path(5, 0, 1, 2, 3);
        float[] stop = new float[p.length + 5];
        Arrays.fill(stop, 0.3f);
        stop[p.length + 2] = 0.99f; // past the valid steps: ignored
        DecodingFailures f = Alignments.detectFailures(oneHot(p, 4), p.length, 4, stop, FailureCriteria.defaults());
        assertThat(f.stopNeverFired()).isTrue();
        assertThat(f.summary()).isEqualTo("stop never fired");
        stop[p.length - 1] = 0.5f;
        assertThat(Alignments.detectFailures(oneHot(p, 4), p.length, 4, stop, FailureCriteria.defaults())
                .stopNeverFired()).isFalse();
    }

    @Test
    void minDwellIgnoresAOneStepFlickerButNotARealReturn() {
        FailureCriteria words = FailureCriteria.builder().optMinBacktrack(1).optMinDwell(2).build();
        int[] flicker = {0, 0, 0, 1, 0, 0, 1, 1, 1, 2, 2, 2};
        assertThat(Alignments.detectFailures(oneHot(flicker, 3), flicker.length, 3, stopAtEnd(flicker.length),
                words).repeatedTokens()).isEmpty();
        assertThat(Alignments.detectFailures(oneHot(flicker, 3), flicker.length, 3, stopAtEnd(flicker.length),
                FailureCriteria.builder().optMinBacktrack(1).build()).repeatedTokens()).containsExactly(0);
        int[] repeat = path(3, 0, 1, 0, 1, 2);
        assertThat(Alignments.detectFailures(oneHot(repeat, 3), repeat.length, 3, stopAtEnd(repeat.length),
                words).repeatedTokens()).containsExactly(0);
    }

    @Test
    void mergedColumnsTurnLetterHopsIntoWholeWords() {
        // Two words of three letters each; the attention visits only the middle letter of each.
        int[] p = path(4, 1, 4);
        float[][] letters = oneHot(p, 6);
        assertThat(Alignments.detectFailures(letters, stopAtEnd(p.length)).skippedTokens())
                .containsExactly(0, 2, 3, 5);
        float[][] words = Alignments.mergeColumns(letters, p.length, new int[] {0, 0, 0, 1, 1, 1});
        assertThat(words[0]).containsExactly(1f, 0f);
        assertThat(words[7]).containsExactly(0f, 1f);
        assertThat(Alignments.detectFailures(words, stopAtEnd(p.length)).any()).isFalse();
    }

    @Test
    void mergeColumnsRejectsGroupsOutOfOrder() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Alignments.mergeColumns(new float[1][3], 1, new int[] {0, 1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token 2");
    }
}
