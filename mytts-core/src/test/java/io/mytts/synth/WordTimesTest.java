package io.mytts.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WordTimesTest {

    /** A clean diagonal: word w holds the attention for lengths[w] steps. */
    private static float[][] diagonal(int[] lengths) {
        int steps = java.util.Arrays.stream(lengths).sum();
        float[][] a = new float[steps][lengths.length];
        int s = 0;
        for (int w = 0; w < lengths.length; w++) {
            for (int k = 0; k < lengths[w]; k++) {
                a[s][w] = 0.8f;
                if (w + 1 < lengths.length) {
                    a[s][w + 1] = 0.1f;
                }
                s++;
            }
        }
        return a;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aCleanDiagonalGivesEachWordItsSteps(long seed) {
        Random rnd = new Random(seed);
        int[] lengths = new int[2 + rnd.nextInt(8)];
        int[] expected = new int[lengths.length];
        for (int w = 0, at = 0; w < lengths.length; w++) {
            lengths[w] = 1 + rnd.nextInt(6);
            expected[w] = at;
            at += lengths[w];
        }
        float[][] a = diagonal(lengths);
        assertThat(WordTimes.starts(a, a.length, lengths.length)).containsExactly(expected);
    }

    @Test
    void thePeakNeverMovesBackAndASkippedWordGetsNoTime() {
        float[][] a = {{1, 0, 0, 0}, {0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}};
        assertThat(WordTimes.starts(a, a.length, 4)).containsExactly(0, 1, 3, 3);
    }

    @Test
    void spansAreInSecondsFromTheOffsetAndNeedOneWordPerTokenWord() {
        float[][] a = diagonal(new int[] {2, 3});
        int[] wordOfToken = {0, 0, 0, 1, 1, 1};
        // 5 steps of 2 frames, 10 frames in 1 second.
        List<Timeline.Span> spans = WordTimes.spans("ab cd", wordOfToken, a, 5, 2, 10, 1.0, 3.0, 7);
        assertThat(spans).containsExactly(new Timeline.Span("ab", 3.0, 3.4, 7), new Timeline.Span("cd", 3.4, 4.0, 7));
        assertThat(WordTimes.spans("ab cd ef", wordOfToken, a, 5, 2, 10, 1.0, 0, 0)).isEmpty();
    }

    @Test
    void webVttAndJsonCarryTheSpans() {
        Timeline t = new Timeline(4.0, List.of(new Timeline.Span("Hello there.", 0.0, 1.25, 0),
                new Timeline.Span("Bye.", 3661.5, 3662.0, 1)), List.of(new Timeline.Span("Hello", 0, 0.5, 0)),
                List.of(new Timeline.MarkTime("m1", 1.5)));
        assertThat(t.toWebVtt()).isEqualTo("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.250\nHello there.\n"
                + "\n2\n01:01:01.500 --> 01:01:02.000\nBye.\n");
        assertThat(t.toJson()).contains("\"name\" : \"m1\"", "\"time\" : 1.5", "\"text\" : \"Hello\"", "\"duration_s\" : 4.0");
    }
}
