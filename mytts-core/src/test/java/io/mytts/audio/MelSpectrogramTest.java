package io.mytts.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mytts.config.AudioConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MelSpectrogramTest {

    @Test
    void filterBankMatchesTheReferenceWithin1e4() {
        float[][] expected = Npy.readMatrix(SharedData.reference("mel_basis_22050_1024_80_0_8000.npy"));
        float[][] actual = MelFilterBank.of(AudioConfig.DEFAULT).weights();
        assertThat(actual.length).isEqualTo(80);
        double worst = 0;
        for (int m = 0; m < 80; m++) {
            assertThat(actual[m]).hasSize(513);
            for (int k = 0; k < 513; k++) {
                worst = Math.max(worst, Math.abs(actual[m][k] - expected[m][k]));
            }
        }
        assertThat(worst).isLessThan(1e-4);
    }

    @Test
    void chirpLogMelMatchesTheReferenceWithin1e3() {
        float[][] expected = Npy.readMatrix(SharedData.reference("chirp.logmel.npy"));
        AudioClip chirp = WavIO.read(SharedData.reference("chirp.wav"));
        float[][] actual = new MelSpectrogram(AudioConfig.DEFAULT).compute(chirp);
        assertThat(actual.length).isEqualTo(129);
        double worst = 0;
        for (int t = 0; t < actual.length; t++) {
            for (int m = 0; m < 80; m++) {
                worst = Math.max(worst, Math.abs(actual[t][m] - expected[t][m]));
            }
        }
        assertThat(worst).isLessThan(1e-3);
    }

    @ParameterizedTest(name = "{0} Hz = {1} mel")
    @CsvSource({"0,0", "200,3", "1000,15", "6400,42", "8000,45.245640471924965"})
    void slaneyMelScale(double hz, double mel) {
        assertThat(MelFilterBank.hzToMel(hz)).isCloseTo(mel, within(1e-6));
        assertThat(MelFilterBank.melToHz(mel)).isCloseTo(hz, within(1e-6 * Math.max(1, hz)));
    }

    @Test
    void eachFilterHasUnitAreaInMelSpacingHz() {
        // Slaney normalisation: each triangle's peak is 2 / (right - left) Hz, so its area in Hz is 1.
        MelFilterBank bank = new MelFilterBank(22050, 8192, 40, 0, 8000);
        double binHz = 22050.0 / 8192;
        for (float[] filter : bank.weights()) {
            double area = 0;
            for (float w : filter) {
                area += w * binHz;
            }
            assertThat(area).isCloseTo(1.0, within(0.02));
        }
    }

    @Test
    void sineLightsTheMelBandOfItsFrequency() {
        AudioConfig c = AudioConfig.DEFAULT;
        float[] x = new float[22050];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 2000 * i / 22050.0));
        }
        float[][] mel = new MelSpectrogram(c).compute(x);
        float[] middle = mel[mel.length / 2];
        int loudest = 0;
        for (int m = 1; m < middle.length; m++) {
            if (middle[m] > middle[loudest]) {
                loudest = m;
            }
        }
        double melOf2k = MelFilterBank.hzToMel(2000);
        double step = MelFilterBank.hzToMel(8000) / 81;
        assertThat(loudest).isBetween((int) (melOf2k / step) - 2, (int) (melOf2k / step) + 1);
    }

    @Test
    void silenceIsTheLogFloor() {
        float[][] mel = new MelSpectrogram(AudioConfig.DEFAULT).compute(new float[4096]);
        assertThat(mel).hasNumberOfRows(16);
        for (float[] row : mel) {
            for (float v : row) {
                assertThat(v).isCloseTo((float) Math.log(1e-5), within(1e-6f));
            }
        }
    }

    @ParameterizedTest(name = "frame {0}")
    @CsvSource({"2", "255", "256", "600", "686"})
    void longAudioComputedInParallelEqualsEachFrameAlone(int t) {
        Random rnd = new Random(5);
        float[] x = new float[22050 * 8]; // 689 frames: several parallel tasks
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 0.1);
        }
        MelSpectrogram mel = new MelSpectrogram(AudioConfig.DEFAULT);
        float[][] whole = mel.compute(x);
        // A 1280-sample slice starting at (t - 2)·hop has 5 frames; its frame 2 covers the same
        // samples as frame t of the whole signal, away from the slice's padded edges.
        float[] slice = java.util.Arrays.copyOfRange(x, (t - 2) * 256, (t - 2) * 256 + 1280);
        float[][] alone = mel.compute(slice);
        assertThat(whole).hasNumberOfRows(689);
        assertThat(alone).hasNumberOfRows(5);
        assertThat(alone[2]).containsExactly(whole[t], within(1e-5f));
    }
}
