package io.mytts.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mytts.config.AudioConfig;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MelProsodyTest {

    private static final AudioConfig C = AudioConfig.DEFAULT;

    private static float[] sine(double hz, double seconds) {
        float[] x = new float[(int) (seconds * C.sampleRate())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / C.sampleRate()));
        }
        return x;
    }

    @ParameterizedTest(name = "rate {0}")
    @ValueSource(doubles = {1.5, 0.75, 2.0, 1.1})
    void aRateMakesTheVocodedAudioThatMuchShorter(double rate) {
        float[][] mel = new MelSpectrogram(C).compute(GriffinLimTest.vowels(2.0, 3));
        GriffinLim vocoder = GriffinLim.builder().optIterations(4).build();
        double plain = vocoder.synthesize(mel).length;
        double scaled = vocoder.synthesize(MelProsody.timeScale(mel, rate)).length;
        assertThat(scaled / plain).isCloseTo(1 / rate, within(0.05 / rate));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void timeScalingInterpolatesBetweenNeighbouringFrames(long seed) {
        Random rnd = new Random(seed);
        float[][] mel = new float[20 + rnd.nextInt(50)][4];
        for (int t = 0; t < mel.length; t++) {
            for (int k = 0; k < 4; k++) {
                mel[t][k] = 3 * t + k; // linear in time: interpolation keeps it on the line
            }
        }
        double rate = 0.5 + rnd.nextDouble() * 2;
        float[][] out = MelProsody.timeScale(mel, rate);
        assertThat(out.length).isEqualTo((int) Math.max(1, Math.round(mel.length / rate)));
        for (int j = 1; j < out.length - 1; j++) {
            double step = out[j + 1][0] - out[j][0];
            if (out[j + 1][0] < 3 * (mel.length - 1) && out[j][0] > 0) {
                assertThat(step).isCloseTo(3 * mel.length / (double) out.length, within(1e-3));
            }
            assertThat(out[j][2] - out[j][0]).isCloseTo(2f, within(1e-4f));
        }
    }

    @ParameterizedTest(name = "{0} Hz shifted {1} semitones is {2} Hz")
    @CsvSource({"500, 12, 1000", "1000, -12, 500", "440, 7, 659.26", "2000, -5, 1498.31"})
    void aPitchShiftMovesASineToTheShiftedFrequency(double hz, double semitones, double expectedHz) {
        MelSpectrogram spec = new MelSpectrogram(C);
        float[][] shifted = MelProsody.shiftPitch(spec.compute(sine(hz, 0.5)), semitones, C);
        float[][] reference = spec.compute(sine(expectedHz, 0.5));
        int middle = shifted.length / 2;
        assertThat(peak(shifted[middle])).isCloseTo(peak(reference[middle]), within(1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0})
    void noShiftIsTheSameSpectrogram(double semitones) {
        float[][] mel = new MelSpectrogram(C).compute(sine(300, 0.2));
        assertThat(MelProsody.shiftPitch(mel, semitones, C)).isSameAs(mel);
        assertThat(MelProsody.timeScale(mel, 1.0)).isSameAs(mel);
    }

    private static int peak(float[] frame) {
        int best = 0;
        for (int i = 1; i < frame.length; i++) {
            if (frame[i] > frame[best]) {
                best = i;
            }
        }
        return best;
    }
}
