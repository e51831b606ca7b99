package io.mytts.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mytts.config.AudioConfig;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GriffinLimTest {

    private static final AudioConfig C = AudioConfig.DEFAULT;

    /** A voiced, speech-like test signal: harmonics of a gliding pitch with a syllable envelope. */
    static float[] vowels(double seconds, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[(int) (seconds * 22050)];
        double phase = 0;
        double f0 = 110 + rnd.nextInt(60);
        for (int i = 0; i < x.length; i++) {
            double t = i / 22050.0;
            double pitch = f0 * (1 + 0.15 * Math.sin(2 * Math.PI * 1.3 * t));
            phase += 2 * Math.PI * pitch / 22050;
            double v = 0;
            for (int h = 1; h <= 20; h++) {
                v += Math.sin(h * phase) / h;
            }
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
            x[i] = (float) (0.2 * envelope * v);
        }
        return x;
    }

    private static float[][] magnitude(float[] x) {
        return new Stft(C).forward(x).magnitude(0);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void fastGriffinLimConvergesOnAConsistentSpectrogram(long seed) {
        float[][] target = magnitude(vowels(1.0, seed));
        GriffinLim gl = GriffinLim.builder().optIterations(32).optSeed(seed).build();

        float[] audio = gl.reconstruct(target);

        assertThat(gl.spectralConvergence(target, audio)).isLessThan(0.15);
    }

    @Test
    void momentumConvergesFasterThanClassicGriffinLim() {
        float[][] target = magnitude(vowels(1.0, 9));
        GriffinLim fast = GriffinLim.builder().optIterations(16).build();
        GriffinLim classic = GriffinLim.builder().optIterations(16).optMomentum(0).build();
        double scFast = fast.spectralConvergence(target, fast.reconstruct(target));
        double scClassic = classic.spectralConvergence(target, classic.reconstruct(target));
        assertThat(scFast).isLessThan(0.8 * scClassic);
    }

    @Test
    void moreIterationsConvergeFurther() {
        float[][] target = magnitude(vowels(0.5, 4));
        double previous = Double.MAX_VALUE;
        for (int iterations : new int[] {0, 4, 16, 48}) {
            GriffinLim gl = GriffinLim.builder().optIterations(iterations).build();
            double sc = gl.spectralConvergence(target, gl.reconstruct(target));
            assertThat(sc).as("%d iterations", iterations).isLessThan(previous);
            previous = sc;
        }
    }

    @Test
    void sameSeedSameAudioOtherSeedOtherAudio() {
        float[][] logMel = new MelSpectrogram(C).compute(vowels(0.5, 5));
        float[] a = GriffinLim.builder().optSeed(7).optIterations(4).build().synthesize(logMel);
        float[] b = GriffinLim.builder().optSeed(7).optIterations(4).build().synthesize(logMel);
        float[] c = GriffinLim.builder().optSeed(8).optIterations(4).build().synthesize(logMel);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void synthesizesFramesTimesHopSamplesAtTheConfigRate() {
        float[][] logMel = new MelSpectrogram(C).compute(vowels(0.7, 6));
        GriffinLim gl = GriffinLim.builder().optIterations(2).build();
        AudioClip clip = gl.synthesizeClip(logMel);
        assertThat(clip.sampleRate()).isEqualTo(22050);
        assertThat(clip.samples()).hasSize(logMel.length * 256);
        assertThat(gl.synthesize(new float[0][80])).isEmpty();
    }

    @Test
    void melToLinearReproducesTheMelEnergies() {
        float[] x = vowels(0.5, 10);
        MelSpectrogram melSpec = new MelSpectrogram(C);
        float[][] logMel = melSpec.compute(x);
        float[][] linear = GriffinLim.create().melToLinear(logMel);
        MelFilterBank bank = melSpec.filterBank();
        double diff = 0;
        double energy = 0;
        for (int t = 0; t < logMel.length; t++) {
            float[] back = bank.apply(linear[t]);
            for (int m = 0; m < 80; m++) {
                double want = Math.exp(logMel[t][m]);
                diff += (back[m] - want) * (back[m] - want);
                energy += want * want;
            }
            for (float v : linear[t]) {
                assertThat(v).isGreaterThanOrEqualTo(0f);
            }
        }
        assertThat(Math.sqrt(diff / energy)).isLessThan(0.05);
    }

    @Test
    void powerSharpensButKeepsFrameEnergy() {
        float[] row = {1f, 2f, 3f, 0f};
        GriffinLim.sharpen(row, 2.0);
        double energy = 0;
        for (float v : row) {
            energy += v * v;
        }
        assertThat(energy).isCloseTo(14.0, within(1e-4));
        assertThat(row[2] / row[1]).isCloseTo(9f / 4f, within(1e-5f)); // ratios squared
        assertThat(row[3]).isZero();
    }

    @Test
    void spectralConvergenceOfKnownErrors() {
        float[][] target = {{3, 4}, {0, 0}};
        assertThat(GriffinLim.spectralConvergence(target, target)).isZero();
        assertThat(GriffinLim.spectralConvergence(target, new float[][] {{3.3f, 4.4f}, {0, 0}})).isCloseTo(0.1, within(1e-6));
        assertThat(GriffinLim.spectralConvergence(target, new float[][] {{0, 0}, {0, 0}})).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void badOptionsAreRejected() {
        assertThatThrownBy(() -> GriffinLim.builder().optIterations(-1).build()).hasMessageContaining("iterations");
        assertThatThrownBy(() -> GriffinLim.builder().optMomentum(1.5).build()).hasMessageContaining("momentum");
        assertThatThrownBy(() -> GriffinLim.builder().optPower(0).build()).hasMessageContaining("power");
    }

    @Test
    void realSpeechFromFliteConvergesBelow015(@TempDir Path dir) throws Exception {
        AudioClip speech = Flite.speak("Griffin and Lim recover the phase of speech.", dir).resampledTo(22050);
        float[][] target = magnitude(speech.samples());
        GriffinLim gl = GriffinLim.builder().optIterations(32).build();

        double linearSc = gl.spectralConvergence(target, gl.reconstruct(target));

        float[][] logMel = new MelSpectrogram(C).compute(speech.samples());
        float[] fromMel = gl.synthesize(logMel);
        float[][] melBack = new MelSpectrogram(C).compute(fromMel);
        float[][] melTarget = new float[logMel.length][80];
        float[][] melGot = new float[logMel.length][80];
        for (int t = 0; t < logMel.length; t++) {
            for (int m = 0; m < 80; m++) {
                melTarget[t][m] = (float) Math.exp(logMel[t][m]);
                melGot[t][m] = (float) Math.exp(melBack[t][m]);
            }
        }
        double melSc = GriffinLim.spectralConvergence(melTarget, melGot);

        assertThat(linearSc).as("from the true magnitude").isLessThan(0.15);
        assertThat(melSc).as("from the log-mel, measured on mel energies").isLessThan(0.15);
    }
}
