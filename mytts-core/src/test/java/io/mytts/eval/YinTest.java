package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class YinTest {

    static final int RATE = 22050;
    static final Yin YIN = Yin.builder().setSampleRate(RATE).build();

    /** One second of a periodic waveform of phase (cycles) at F0 Hz. */
    static float[] tone(double f0, DoubleUnaryOperator waveOfCycles, double amplitude) {
        float[] x = new float[RATE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * waveOfCycles.applyAsDouble(f0 * i / RATE));
        }
        return x;
    }

    static double sine(double cycles) {
        return Math.sin(2 * Math.PI * cycles);
    }

    /** A naive (not band-limited) sawtooth: every harmonic up to the Nyquist, falling as 1/h. */
    static double sawtooth(double cycles) {
        return 2 * (cycles - Math.floor(cycles + 0.5));
    }

    /** Frames whose analysis window lies wholly inside a signal of {@code length} samples. */
    static int[] interiorFrames(Yin yin, int length) {
        int maxLag = (int) Math.ceil(RATE / 60.0);
        return java.util.stream.IntStream.range(0, yin.frameCount(length))
                .filter(t -> (t + 0.5) * yin.hop() - maxLag >= 0 && (t + 0.5) * yin.hop() + maxLag + 1 < length)
                .toArray();
    }

    @ParameterizedTest
    @CsvSource({"sine,80", "sine,131", "sine,220", "sine,347.5", "sine,500",
        "sawtooth,80", "sawtooth,131", "sawtooth,220", "sawtooth,347.5", "sawtooth,500"})
    void tonesAreTrackedWithinOnePercentInEveryFrame(String wave, double f0) {
        float[] x = tone(f0, wave.equals("sine") ? YinTest::sine : YinTest::sawtooth, 0.5);
        PitchTrack track = YIN.track(new AudioClip(x, RATE));
        assertThat(track.frames()).isEqualTo(RATE / 256);
        for (int t : interiorFrames(YIN, x.length)) {
            assertThat(track.f0()[t]).as("frame %d", t).isCloseTo(f0, within(0.01 * f0));
            assertThat(track.periodicity()[t]).as("frame %d", t).isGreaterThan(0.9);
        }
        assertThat(track.medianVoicedF0()).isCloseTo(f0, within(0.002 * f0));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void silenceAndWhiteNoiseAreUnvoiced(boolean bestLocalEstimate) {
        Yin yin = Yin.builder().setSampleRate(RATE).optBestLocalEstimate(bestLocalEstimate).build();
        PitchTrack silence = yin.track(new float[RATE]);
        assertThat(silence.voicedShare()).isZero();
        Random r = new Random(11);
        float[] noise = new float[RATE];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.1 * r.nextGaussian());
        }
        PitchTrack heard = yin.track(noise);
        assertThat(heard.voicedShare()).isZero();
        assertThat(java.util.Arrays.stream(heard.periodicity()).max().orElseThrow()).isLessThan(0.85);
        assertThat(java.util.Arrays.stream(heard.f0())).containsOnly(0.0);
    }

    @Test
    void aToneBelowTheSilenceFloorIsUnvoiced() {
        float[] quiet = tone(200, YinTest::sine, 0.0005); // RMS −69 dBFS
        assertThat(YIN.track(quiet).voicedShare()).isZero();
        float[] audible = tone(200, YinTest::sine, 0.01); // RMS −43 dBFS
        assertThat(YIN.track(audible).medianVoicedF0()).isCloseTo(200, within(1.0));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aGlideIsFollowed(boolean bestLocalEstimate) {
        // An exponential glide from 110 to 330 Hz over 1.5 s: f(t) = 110·3^(t/1.5).
        double seconds = 1.5;
        float[] x = new float[(int) (seconds * RATE)];
        double k = Math.log(3) / seconds;
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) RATE;
            double cycles = 110 * (Math.exp(k * t) - 1) / k;
            x[i] = (float) (0.4 * sawtooth(cycles));
        }
        Yin yin = Yin.builder().setSampleRate(RATE).optBestLocalEstimate(bestLocalEstimate).build();
        PitchTrack track = yin.track(x);
        for (int t : interiorFrames(yin, x.length)) {
            double expected = 110 * Math.exp(k * (t + 0.5) * 256 / RATE);
            assertThat(track.f0()[t]).as("frame %d", t).isCloseTo(expected, within(0.01 * expected));
        }
    }

    @Test
    void oneValuePerMelFrameAtOtherHops() {
        Yin yin = Yin.builder().setSampleRate(16000).optHop(160).optFmin(80).optFmax(400).build();
        float[] x = new float[16000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * 150 * i / 16000.0);
        }
        PitchTrack track = yin.track(new AudioClip(x, 16000));
        assertThat(track.frames()).isEqualTo(100);
        assertThat(track.hop()).isEqualTo(160);
        assertThat(track.medianVoicedF0()).isCloseTo(150, within(0.3));
    }

    @Test
    void theNormalisedDifferenceAndTheParabolaWorkedByHand() {
        // d = (0, 2, 4, 1): d'(1) = 2·1/2 = 1, d'(2) = 4·2/6 = 4/3, d'(3) = 1·3/7.
        assertThat(Yin.cumulativeMeanNormalised(new double[] {0, 2, 4, 1}))
                .containsExactly(new double[] {1, 1, 4 / 3.0, 3 / 7.0}, within(1e-12));
        // The parabola (τ − 10.3)² + 5 sampled at 9, 10, 11 has its vertex at 10.3.
        double[] d = new double[12];
        for (int tau = 9; tau <= 11; tau++) {
            d[tau] = (tau - 10.3) * (tau - 10.3) + 5;
        }
        assertThat(Yin.refine(d, 10)).isCloseTo(10.3, within(1e-12));
    }

    @Test
    void badSettingsAndRatesAreClearErrors() {
        assertThatThrownBy(() -> Yin.builder().build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sample rate");
        assertThatThrownBy(() -> Yin.builder().setSampleRate(RATE).optFmin(300).optFmax(200).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("fmin < fmax");
        assertThatThrownBy(() -> Yin.builder().setSampleRate(RATE).optThreshold(1.5).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> YIN.track(new AudioClip(new float[1000], 16000)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("22050 Hz").hasMessageContaining("16000 Hz");
    }
}
