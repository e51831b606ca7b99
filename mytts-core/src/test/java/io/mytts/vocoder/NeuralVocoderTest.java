package io.mytts.vocoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.config.AudioConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuralVocoderTest {

    @TempDir
    Path dir;

    private static float[][] randomMel(int frames, int bands, long seed) {
        Random r = new Random(seed);
        float[][] m = new float[frames][bands];
        for (float[] row : m) {
            for (int b = 0; b < bands; b++) {
                row[b] = (float) (-6 + 2 * r.nextGaussian());
            }
        }
        return m;
    }

    private Path savedTiny(boolean half) throws IOException {
        Path out = dir.resolve(half ? "half" : "full");
        try (NDManager m = NDManager.newBaseManager();
                VocosGenerator g = new VocosGenerator(VocoderConfig.tiny(AudioConfig.DEFAULT), m, 3)) {
            NeuralVocoder.save(out, g, Map.of("step", 12), half);
        }
        return out;
    }

    @Test
    void givesHopSamplesPerFrameAndTheSameAudioEachCall() throws IOException {
        try (NeuralVocoder v = NeuralVocoder.load(savedTiny(false))) {
            float[][] mel = randomMel(37, 80, 1);
            float[] a = v.synthesize(mel);
            assertThat(a).hasSize(37 * 256);
            assertThat(v.synthesize(mel)).containsExactly(a);
            assertThat(v.sampleRate()).isEqualTo(22050);
            assertThat(v.trainingFacts()).containsEntry("step", 12);
        }
    }

    @Test
    void halfPrecisionWeightsSoundTheSameWithinRounding() throws IOException {
        float[][] mel = randomMel(20, 80, 2);
        try (NeuralVocoder full = NeuralVocoder.load(savedTiny(false));
                NeuralVocoder half = NeuralVocoder.load(savedTiny(true))) {
            float[] a = full.synthesize(mel);
            float[] b = half.synthesize(mel);
            double energy = 0;
            double error = 0;
            for (int i = 0; i < a.length; i++) {
                energy += a[i] * a[i];
                error += (a[i] - b[i]) * (a[i] - b[i]);
            }
            assertThat(error / energy).as("relative squared error of float16 weights").isLessThan(1e-4);
            assertThat(Files.size(dir.resolve("half").resolve(NeuralVocoder.WEIGHTS)))
                    .isLessThan(Files.size(dir.resolve("full").resolve(NeuralVocoder.WEIGHTS)) * 6 / 10);
        }
    }

    @Test
    void aMelWithOtherBandsIsRefusedNamingBoth() throws IOException {
        try (NeuralVocoder v = NeuralVocoder.load(savedTiny(false))) {
            assertThatThrownBy(() -> v.synthesize(randomMel(5, 100, 3)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("100 bands").hasMessageContaining("80");
        }
    }

    @Test
    void anotherAudioConventionIsRefusedNamingBoth() throws IOException {
        AudioConfig other = new AudioConfig(16000, 1024, 256, 1024, 80, 0, 8000, 1e-5);
        try (NeuralVocoder v = NeuralVocoder.load(savedTiny(false))) {
            assertThatThrownBy(() -> v.checkCompatible(other, "voice x"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("16000 Hz")
                    .hasMessageContaining("22050 Hz");
        }
    }

    @Test
    void aFolderWithoutDescriptorOrWithAWrongKeyIsAClearError() throws IOException {
        assertThatThrownBy(() -> NeuralVocoder.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a vocoder folder");
        Path saved = savedTiny(false);
        Path descriptor = saved.resolve(NeuralVocoder.DESCRIPTOR);
        Files.writeString(descriptor, Files.readString(descriptor).replace("\"layers\"", "\"layer_count\""));
        assertThatThrownBy(() -> NeuralVocoder.load(saved)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("layer_count").hasMessageContaining("known keys");
    }

    @Test
    void anUntrainedVocoderGivesFiniteAudio() throws IOException {
        try (NeuralVocoder v = NeuralVocoder.load(savedTiny(false))) {
            for (float s : v.synthesize(randomMel(10, 80, 4))) {
                assertThat(Float.isFinite(s)).isTrue();
            }
        }
    }
}
