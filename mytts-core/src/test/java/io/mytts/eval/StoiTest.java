package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StoiTest {

    static final int RATE = 22050;

    static AudioClip clip(float[] x) {
        return new AudioClip(x, RATE);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void identicalSignalsScoreOne(long seed) {
        float[] x = SpeechLike.utterance(seed, RATE, 3);
        Stoi.Scores s = Stoi.of(clip(x), clip(x.clone()));
        assertThat(s.stoi()).isCloseTo(1, within(1e-9));
        assertThat(s.estoi()).isCloseTo(1, within(1e-9));
    }

    /**
     * The scores of {@code x} against {@code degrade} applied at each step, asserting they fall
     * strictly from one step to the next; the last scores.
     */
    static Stoi.Scores assertScoresFall(float[] x, double[] steps, java.util.function.DoubleFunction<float[]> degrade,
            String step) {
        Stoi.Scores previous = new Stoi.Scores(1, 1);
        for (double v : steps) {
            Stoi.Scores s = Stoi.of(clip(x), clip(degrade.apply(v)));
            assertThat(s.stoi()).as("STOI, " + step, v).isLessThan(previous.stoi());
            assertThat(s.estoi()).as("ESTOI, " + step, v).isLessThan(previous.estoi());
            previous = s;
        }
        return previous;
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void scoresFallAsWhiteNoiseRises(long seed) {
        float[] x = SpeechLike.utterance(seed, RATE, 3);
        Stoi.Scores worst = assertScoresFall(x, new double[] {30, 15, 5, 0, -5, -10},
                snr -> SpeechLike.plusWhiteNoise(x, snr, seed), "%s dB SNR");
        assertThat(worst.stoi()).as("STOI at -10 dB").isLessThan(0.8);
        assertThat(worst.estoi()).as("ESTOI at -10 dB").isLessThan(0.5);
    }

    /**
     * Gain changes nothing: of the processed signal alone (any gain), or of both signals (powers
     * of two, exact in float: another gain rounds differently, which can move a frame that sits
     * right at the 40 dB silence threshold to the other side of it; the measure is discontinuous
     * there).
     */
    @ParameterizedTest
    @CsvSource({"0.01,false", "0.3,false", "100,false", "0.0625,true", "0.5,true", "8,true"})
    void gainChangesNothing(double gain, boolean cleanToo) {
        float[] x = SpeechLike.utterance(7, RATE, 2);
        float[] y = SpeechLike.plusWhiteNoise(x, 5, 7);
        Stoi.Scores base = Stoi.of(clip(x), clip(y));
        Stoi.Scores scaled = Stoi.of(clip(cleanToo ? SpeechLike.scaled(x, gain) : x), clip(SpeechLike.scaled(y, gain)));
        double tolerance = cleanToo ? 1e-9 : 1e-6;
        assertThat(scaled.stoi()).isCloseTo(base.stoi(), within(tolerance));
        assertThat(scaled.estoi()).isCloseTo(base.estoi(), within(tolerance));
    }

    @Test
    void misalignmentLowersTheScoresTheMoreTheLonger() {
        float[] x = SpeechLike.utterance(8, RATE, 3);
        assertScoresFall(x, new double[] {5, 40, 150}, ms -> SpeechLike.delayed(x, (int) (ms * RATE / 1000)),
                "delayed %s ms");
    }

    @Test
    void unalignedScoringForgivesADelayThatAlignedScoringPunishes() {
        float[] x = SpeechLike.utterance(9, RATE, 3);
        float[] late = new float[x.length + RATE / 5];
        System.arraycopy(x, 0, late, RATE / 5, x.length); // the same speech, 200 ms later
        float[] lateCut = java.util.Arrays.copyOf(late, x.length);
        Stoi.Scores aligned = Stoi.of(clip(x), clip(lateCut));
        Stoi.Scores warped = Stoi.ofUnaligned(clip(x), clip(late));
        assertThat(warped.stoi()).isGreaterThan(0.95).isGreaterThan(aligned.stoi());
        assertThat(warped.estoi()).isGreaterThan(0.9).isGreaterThan(aligned.estoi());
        Stoi.Scores noisy = Stoi.ofUnaligned(clip(x), clip(SpeechLike.plusWhiteNoise(late, 0, 9)));
        assertThat(noisy.stoi()).isLessThan(warped.stoi());
        assertThat(noisy.estoi()).isLessThan(warped.estoi());
    }

    @Test
    void aBandCorrelationWorkedByHand() {
        // x = (0.1, 1, 2, 1), y = (1, 1, 1, 2). Scale y to x's norm: sqrt(6.01 / 7) = 0.926591, so
        // y' = (0.926591, 0.926591, 0.926591, 1.853183). The clipping bound is (1 + 10^(15/20)) x =
        // 6.623413 x = (0.662341, 6.62, 13.25, 6.62): only the first value is clipped, to 0.662341.
        // Correlation of x with (0.662341, 0.926591, 0.926591, 1.853183): deviations from the means
        // 1.025 and 1.092177 are (-0.925, -0.025, 0.975, -0.025) and (-0.429836, -0.165586,
        // -0.165586, 0.761006); their products sum to 0.221268, their norms are 1.344433 and
        // 0.904835, so r = 0.221268 / 1.216491 = 0.18189.
        double r = Stoi.clippedCorrelation(new double[] {0.1, 1, 2, 1}, new double[] {1, 1, 1, 2});
        assertThat(r).isCloseTo(0.18189, within(1e-5));
        // Unclipped, scale-free: a reversed ramp correlates -1, a scaled ramp +1.
        assertThat(Stoi.clippedCorrelation(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}))
                .isCloseTo(-1, within(1e-12));
        assertThat(Stoi.clippedCorrelation(new double[] {1, 2, 3, 4}, new double[] {3, 6, 9, 12}))
                .isCloseTo(1, within(1e-12));
    }

    @Test
    void anEstoiSegmentWorkedByHand() {
        // Two bands, three frames. After row normalisation x's rows are (-1, 0, 1)/√2 and
        // (1, 0, -1)/√2; y's are (-1, 0, 1)/√2 and (5, -1, -4)/√42. A two-band column, centred, is
        // ±(-d, d), so unit columns are ±(-1, 1)/√2: x's are (-1, 1)/√2, 0 (the middle column is all
        // zero) and (1, -1)/√2; y's are (-1, 1)/√2, (1, -1)/√2 and (1, -1)/√2. Inner products
        // 1, 0 and 1 average to 2/3.
        double[][] x = {{1, 2, 3}, {3, 2, 1}};
        double[][] y = {{2, 4, 6}, {5, 3, 2}};
        assertThat(Stoi.spectralCorrelation(x, y)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(Stoi.spectralCorrelation(x, x)).isCloseTo(2 / 3.0, within(1e-12)); // the zero column scores 0
    }

    @Test
    void bandsAreOneThirdOctavesFrom150HzOnTheNearestBins() {
        int[][] bins = Stoi.bandBins(Stoi.SAMPLE_RATE);
        assertThat(bins).hasDimensions(15, 2);
        // 150·2^(-1/6) = 133.6 Hz and 150·2^(1/6) = 168.4 Hz at 10000/512 = 19.53 Hz a bin: 6.84 → 7, 8.62 → 9.
        assertThat(bins[0]).containsExactly(7, 9);
        // 150·2^(27/6) = 3394 Hz → 173.8 → 174, 150·2^(29/6) = 4276 Hz → 218.9 → 219.
        assertThat(bins[14]).containsExactly(174, 219);
        for (int k = 1; k < 15; k++) {
            assertThat(bins[k][0]).as("band %d starts where %d ends", k, k - 1).isEqualTo(bins[k - 1][1]);
        }
    }

    @Test
    void silentFramesAreDroppedBeforeScoring() {
        int rate = Stoi.SAMPLE_RATE;
        float[] x = new float[2 * rate];
        for (int i = 0; i < rate; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * 440 * i / rate);
        }
        boolean[] keep = Stoi.loudFrames(x);
        float[] kept = Stoi.overlapAdd(x, keep);
        // One second of tone is (10000 - 256) / 128 + 1 = 77 frames, plus the frame reaching into the
        // silence; the second second is silent and dropped.
        assertThat(kept.length).isBetween(rate - Stoi.FRAME, rate + Stoi.FRAME);
        // Overlap-added Hann frames at half overlap sum to about 1 inside.
        assertThat(Math.abs(kept[rate / 2 + 3] - x[rate / 2 + 3])).isLessThan(0.02f);
    }

    @Test
    void tooShortDifferentRatesOrLengthsAreClearErrors() {
        float[] shortOne = SpeechLike.utterance(10, RATE, 0.3);
        assertThatThrownBy(() -> Stoi.of(clip(shortOne), clip(shortOne)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("384 ms");
        float[] x = SpeechLike.utterance(10, RATE, 2);
        assertThatThrownBy(() -> Stoi.of(clip(x), new AudioClip(x, 16000)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("22050 Hz").hasMessageContaining("16000 Hz");
        assertThatThrownBy(() -> Stoi.of(clip(x), clip(java.util.Arrays.copyOf(x, x.length - 1))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("time-aligned");
        assertThatThrownBy(() -> Stoi.ofUnaligned(clip(x), clip(new float[100])))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("too short");
    }
}
