package io.mytts.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuietEdgesTest {

    private static final int RATE = 16000;

    /** Quiet noise (-70 dBFS), speech-loud noise, quiet noise. */
    private static float[] sentence(int quietBefore, int loud, int quietAfter, Random rnd) {
        float[] x = new float[quietBefore + loud + quietAfter];
        for (int i = 0; i < x.length; i++) {
            boolean speech = i >= quietBefore && i < quietBefore + loud;
            x[i] = (float) (rnd.nextGaussian() * (speech ? 0.2 : 0.0003 / 3));
        }
        return x;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void cutsTheQuietEdgesAndKeepsAMargin(long seed) {
        Random rnd = new Random(seed);
        int before = rnd.nextInt(8000);
        int after = rnd.nextInt(8000);
        float[] x = sentence(before, 4000 + rnd.nextInt(8000), after, rnd);
        int window = RATE / 100;
        int margin = QuietEdges.MARGIN_MILLIS * RATE / 1000;
        int lead = QuietEdges.leading(x, RATE);
        int tail = QuietEdges.trailing(x, RATE);
        // Whole quiet windows only, less the margin: within one window of the quiet's length.
        assertThat(lead).isBetween(Math.max(0, before - window - margin), Math.max(0, before - margin));
        assertThat(tail).isBetween(Math.max(0, after - window - margin), Math.max(0, after - margin));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5000})
    void aQuietSentenceIsNotCutAway(int length) {
        float[] silent = new float[length];
        assertThat(QuietEdges.leading(silent, RATE)).isZero();
        assertThat(QuietEdges.trailing(silent, RATE)).isZero();
    }
}
