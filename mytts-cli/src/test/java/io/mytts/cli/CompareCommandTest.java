package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.audio.WavIO;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    /** Two seconds of a 150 Hz sawtooth pulsing at 3 Hz, at 16 kHz. */
    static float[] pulses() {
        float[] x = new float[32000];
        for (int i = 0; i < x.length; i++) {
            double t = i / 16000.0;
            double cycles = 150 * t;
            x[i] = (float) (0.3 * Math.pow(Math.sin(Math.PI * 3 * t), 2) * 2 * (cycles - Math.floor(cycles + 0.5)));
        }
        return x;
    }

    @Test
    void aSignalAgainstItselfAndAgainstANoisyCopy() {
        float[] x = pulses();
        Path ref = dir.resolve("ref.wav");
        WavIO.write(ref, x, 16000);
        CliTest.Run same = CliTest.run("compare", ref.toString(), ref.toString());
        assertThat(same.status()).as(same.err()).isZero();
        assertThat(same.out()).contains("time-aligned").contains("MCD               0.00 dB")
                .contains("STOI             1.000").contains("ESTOI            1.000").contains("voicing error      0.0%");

        Random r = new Random(3);
        float[] noisy = x.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (0.1 * r.nextGaussian());
        }
        Path syn = dir.resolve("noisy.wav");
        WavIO.write(syn, noisy, 16000);
        CliTest.Run warped = CliTest.run("compare", "--warped", ref.toString(), syn.toString());
        assertThat(warped.status()).as(warped.err()).isZero();
        assertThat(warped.out()).contains("time-warped").doesNotContain("STOI             1.000");
    }

    @Test
    void whatCannotBeMeasuredSaysWhy() {
        Path ref = dir.resolve("short.wav");
        WavIO.write(ref, Arrays.copyOf(pulses(), 4000), 16000); // 250 ms
        CliTest.Run r = CliTest.run("compare", ref.toString(), ref.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("STOI           n/a (STOI needs 384 ms of speech)").contains("MCD               0.00 dB");
    }

    @Test
    void differentLengthsWithoutWarpingAndMissingFilesAreBadInput() {
        float[] x = pulses();
        Path ref = dir.resolve("ref.wav");
        Path shorter = dir.resolve("short.wav");
        WavIO.write(ref, x, 16000);
        WavIO.write(shorter, Arrays.copyOf(x, 20000), 16000);
        CliTest.Run r = CliTest.run("compare", ref.toString(), shorter.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("one hop").contains("warped");
        CliTest.Run missing = CliTest.run("compare", ref.toString(), dir.resolve("none.wav").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("none.wav");
    }
}
