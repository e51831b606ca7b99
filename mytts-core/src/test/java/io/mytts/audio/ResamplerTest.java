package io.mytts.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    private static float[] tone(double freq, int rate, double seconds, double amp) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * freq * i / rate + 0.3));
        }
        return x;
    }

    /** Least-squares fit of a sinusoid at {@code freq} to the middle half of x: {amplitude, residual RMS}. */
    private static double[] fit(float[] x, double freq, int rate) {
        int from = x.length / 4;
        int to = 3 * x.length / 4;
        double cc = 0, ss = 0, cs = 0, xc = 0, xs = 0;
        for (int i = from; i < to; i++) {
            double c = Math.cos(2 * Math.PI * freq * i / rate);
            double s = Math.sin(2 * Math.PI * freq * i / rate);
            cc += c * c;
            ss += s * s;
            cs += c * s;
            xc += x[i] * c;
            xs += x[i] * s;
        }
        double det = cc * ss - cs * cs;
        double a = (xc * ss - xs * cs) / det;
        double b = (xs * cc - xc * cs) / det;
        double res = 0;
        for (int i = from; i < to; i++) {
            double e = x[i] - a * Math.cos(2 * Math.PI * freq * i / rate) - b * Math.sin(2 * Math.PI * freq * i / rate);
            res += e * e;
        }
        return new double[] {Math.hypot(a, b), Math.sqrt(res / (to - from))};
    }

    private static double rmsOfMiddle(float[] x) {
        double sum = 0;
        int from = x.length / 4;
        int to = 3 * x.length / 4;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    @ParameterizedTest(name = "{0} Hz tone, {1} -> {2}")
    @CsvSource({
        "1000,16000,22050", "5000,16000,22050", "440,8000,22050", "3000,8000,22050",
        "1000,44100,22050", "7000,44100,22050", "8500,44100,22050",
        "1000,48000,22050", "7000,48000,22050", "250,22050,16000", "6000,22050,16000"})
    void inBandToneKeepsAmplitudeAndFrequency(double freq, int from, int to) {
        float[] out = Resampler.resample(tone(freq, from, 0.5, 0.7), from, to);

        double[] amplitudeAndResidual = fit(out, freq, to);

        assertThat(amplitudeAndResidual[0]).as("amplitude").isCloseTo(0.7, within(0.7 * 0.005)); // 0.04 dB
        assertThat(amplitudeAndResidual[1]).as("residual after fitting the same frequency").isLessThan(2e-3);
    }

    @ParameterizedTest(name = "{0} Hz tone, {1} -> {2}")
    @CsvSource({
        "11600,44100,22050", "15000,44100,22050", "20000,44100,22050",
        "12000,48000,22050", "18000,48000,22050", "23000,48000,22050", "9000,22050,16000"})
    void toneAboveTheNewNyquistIsRemoved(double freq, int from, int to) {
        double amp = 0.7;
        float[] out = Resampler.resample(tone(freq, from, 0.5, amp), from, to);

        double attenuationDb = 20 * Math.log10(rmsOfMiddle(out) / (amp / Math.sqrt(2)));

        assertThat(attenuationDb).isLessThan(-40);
    }

    @Test
    void linearInterpolationWouldFailTheAliasingTest() {
        // The test above can fail: naive decimation (keeping every other sample) leaves the alias at full level.
        float[] in = tone(15000, 44100, 0.5, 0.7);
        float[] naive = new float[in.length / 2];
        for (int i = 0; i < naive.length; i++) {
            naive[i] = in[2 * i];
        }
        assertThat(20 * Math.log10(rmsOfMiddle(naive) / (0.7 / Math.sqrt(2)))).isGreaterThan(-3);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"16000,22050", "44100,22050", "48000,22050", "8000,22050", "22050,16000", "11025,22050", "22050,22050"})
    void lengthIsCeilOfTheRatioAndDcIsKept(int from, int to) {
        float[] in = new float[from / 10 + 7];
        java.util.Arrays.fill(in, 0.25f);
        float[] out = Resampler.resample(in, from, to);
        assertThat(out).hasSize((int) Math.ceil(in.length * (double) to / from));
        assertThat(out[out.length / 2]).isCloseTo(0.25f, within(1e-4f));
    }

    @Test
    void upThenDownRecoversBandLimitedNoise() {
        Random rnd = new Random(7);
        // noise band-limited to below 3.7 kHz (via 8 kHz), so that nothing is near any filter's transition band
        float[] white = new float[44100];
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) rnd.nextGaussian() * 0.2f;
        }
        float[] x = Resampler.resample(Resampler.resample(white, 44100, 8000), 8000, 16000);
        float[] back = Resampler.resample(Resampler.resample(x, 16000, 22050), 22050, 16000);
        assertThat(back).hasSize(x.length);
        double err = 0;
        double energy = 0;
        for (int i = x.length / 4; i < 3 * x.length / 4; i++) {
            err += (back[i] - x[i]) * (back[i] - x[i]);
            energy += x[i] * x[i];
        }
        assertThat(10 * Math.log10(err / energy)).isLessThan(-30);
    }

    @Test
    void identityIsACopy() {
        float[] in = {1, 2, 3};
        float[] out = Resampler.resample(in, 22050, 22050);
        assertThat(out).containsExactly(in).isNotSameAs(in);
    }

    @Test
    void besselZeroMatchesKnownValues() {
        assertThat(Resampler.bessel0(0)).isEqualTo(1.0);
        assertThat(Resampler.bessel0(1)).isCloseTo(1.2660658777520082, within(1e-12));
        assertThat(Resampler.bessel0(8)).isCloseTo(427.56411572180474, within(1e-9));
    }
}
