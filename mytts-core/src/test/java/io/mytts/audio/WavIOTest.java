package io.mytts.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mytts.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WavIOTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}-bit PCM, extensible={1}")
    @CsvSource({"8,false", "16,false", "24,false", "32,false", "8,true", "16,true", "24,true", "32,true"})
    void readsIntegerPcmOfEveryDepth(int bits, boolean extensible) throws IOException {
        Random rnd = new Random(bits * 31L + (extensible ? 1 : 0));
        long full = 1L << (bits - 1);
        long[] raw = new long[200];
        float[] expected = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            long v = (long) (rnd.nextDouble() * 2 * full) - full; // in [-full, full)
            if (i == 0) {
                v = -full;
            } else if (i == 1) {
                v = full - 1;
            }
            raw[i] = bits == 8 ? v + 128 : v; // 8-bit WAV is unsigned
            expected[i] = (float) (v / (double) full);
        }
        Path f = dir.resolve("pcm" + bits + ".wav");
        Files.write(f, WavBytes.build(1, extensible, 1, 16000, bits, raw));

        AudioClip clip = WavIO.read(f);

        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.samples()).containsExactly(expected, within(1e-7f));
        assertThat(clip.samples()[0]).isEqualTo(-1f);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void bytesAreWhatWriteWritesAndReadBack(long seed) throws IOException {
        Random rnd = new Random(seed);
        float[] samples = new float[100 + rnd.nextInt(500)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = rnd.nextFloat() * 1.8f - 0.9f; // inside [-1, 1]: no clipping
        }
        AudioClip clip = new AudioClip(samples, 8000 + rnd.nextInt(40000));
        Path f = dir.resolve("clip.wav");
        WavIO.write(f, clip);

        byte[] bytes = WavIO.toBytes(clip);

        assertThat(bytes).isEqualTo(Files.readAllBytes(f));
        AudioClip back = WavIO.read(bytes, "clip");
        assertThat(back.sampleRate()).isEqualTo(clip.sampleRate());
        assertThat(back.samples()).containsExactly(samples, within(1f / 32768 + 1e-6f));
    }

    @ParameterizedTest(name = "float, extensible={0}")
    @ValueSource(booleans = {false, true})
    void readsFloat32(boolean extensible) throws IOException {
        float[] values = {0f, 0.5f, -0.25f, 1f, -1f, 0.123456f};
        long[] raw = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            raw[i] = Float.floatToIntBits(values[i]) & 0xFFFFFFFFL;
        }
        Path f = dir.resolve("float.wav");
        Files.write(f, WavBytes.build(3, extensible, 1, 44100, 32, raw));

        AudioClip clip = WavIO.read(f);

        assertThat(clip.sampleRate()).isEqualTo(44100);
        assertThat(clip.samples()).containsExactly(values);
    }

    @Test
    void sixteenBitIsSampleOver32768() throws IOException {
        Path f = dir.resolve("s.wav");
        Files.write(f, WavBytes.build(1, false, 1, 22050, 16, new long[] {16384, -32768, 1}));
        assertThat(WavIO.read(f).samples()).containsExactly(0.5f, -1f, 1f / 32768f);
    }

    @ParameterizedTest(name = "{0} channels")
    @ValueSource(ints = {2, 3, 6})
    void mixesChannelsToMono(int channels) throws IOException {
        int frames = 50;
        long[] raw = new long[frames * channels];
        float[] expected = new float[frames];
        Random rnd = new Random(channels);
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int v = rnd.nextInt(65536) - 32768;
                raw[i * channels + c] = v;
                sum += v / 32768.0;
            }
            expected[i] = (float) (sum / channels);
        }
        Path f = dir.resolve("multi.wav");
        Files.write(f, WavBytes.build(1, false, channels, 48000, 16, raw));

        AudioClip clip = WavIO.read(f);

        assertThat(clip.samples()).hasSize(frames);
        assertThat(clip.samples()).containsExactly(expected, within(1e-6f));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8000, 22050, 48000})
    void writeThenReadRoundTripsWithin16BitPrecision(int rate) {
        Random rnd = new Random(rate);
        float[] s = new float[1000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        Path f = dir.resolve("rt.wav");
        WavIO.write(f, s, rate);

        AudioClip back = WavIO.read(f);

        assertThat(back.sampleRate()).isEqualTo(rate);
        assertThat(back.samples()).containsExactly(s, within(0.5f / 32768f + 1e-7f));
        assertThat(back.durationSeconds()).isCloseTo(1000.0 / rate, within(1e-12));
    }

    @Test
    void streamedWavWithUnknownDataSizeReadsToTheEnd() throws IOException {
        byte[] b = WavBytes.build(1, false, 1, 8000, 16, new long[] {100, -200, 300});
        int dataSize = b.length - 6 - 4; // the data chunk's size field sits 4 bytes before the 6 data bytes
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(dataSize, 0xFFFFFFFF);
        Path f = Files.write(dir.resolve("stream.wav"), b);
        assertThat(WavIO.read(f).samples()).containsExactly(100 / 32768f, -200 / 32768f, 300 / 32768f);
    }

    @Test
    void clipsCompareBySamples() {
        assertThat(new AudioClip(new float[] {1, 2}, 8000)).isEqualTo(new AudioClip(new float[] {1, 2}, 8000))
                .isNotEqualTo(new AudioClip(new float[] {1, 2}, 16000)).isNotEqualTo(new AudioClip(new float[] {1, 3}, 8000));
    }

    @Test
    void writeClipsOutOfRangeSamples() {
        Path f = dir.resolve("clip.wav");
        WavIO.write(f, new float[] {2f, -3f, Float.NaN, 1f, -1f}, 8000);
        float[] back = WavIO.read(f).samples();
        assertThat(back).containsExactly(32767 / 32768f, -1f, 0f, 32767 / 32768f, -1f);
    }

    @Test
    void writesTheStandardHeader() throws IOException {
        Path f = dir.resolve("h.wav");
        WavIO.write(f, new float[] {0.5f, -0.5f}, 22050);
        byte[] b = Files.readAllBytes(f);
        assertThat(b).hasSize(44 + 4);
        assertThat(new String(b, 0, 4, "US-ASCII")).isEqualTo("RIFF");
        assertThat(new String(b, 36, 4, "US-ASCII")).isEqualTo("data");
        assertThat(b[22]).isEqualTo((byte) 1); // mono
        assertThat(b[34]).isEqualTo((byte) 16); // bits
        assertThat(Arrays.copyOfRange(b, 44, 48)).containsExactly(0x00, 0x40, 0x00, (byte) 0xC0);
    }

    @Test
    void readsTheReferenceChirp() {
        AudioClip clip = WavIO.read(SharedData.reference("chirp.wav"));
        assertThat(clip.sampleRate()).isEqualTo(22050);
        assertThat(clip.durationSeconds()).isCloseTo(1.5, within(0.01));
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.wav");
        assertThatThrownBy(() -> WavIO.read(f))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope.wav").hasMessageContaining("no such file");
    }

    @Test
    void emptyFileIsNamed() throws IOException {
        Path f = Files.write(dir.resolve("empty.wav"), new byte[0]);
        assertThatThrownBy(() -> WavIO.read(f))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty.wav").hasMessageContaining("empty");
    }

    @Test
    void textFileIsNotAWav() throws IOException {
        Path f = Files.writeString(dir.resolve("text.wav"), "hello, this is not audio at all");
        assertThatThrownBy(() -> WavIO.read(f))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("text.wav").hasMessageContaining("not a WAV");
    }

    @ParameterizedTest(name = "cut at {0} bytes")
    @ValueSource(ints = {4, 12, 20, 30, 60, 80})
    void truncatedWavIsReported(int keep) throws IOException {
        byte[] full = WavBytes.build(1, false, 1, 16000, 16, new long[20]);
        Path f = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(full, keep));
        assertThatThrownBy(() -> WavIO.read(f))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cut.wav")
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("truncated", "not a WAV"));
    }

    @Test
    void unsupportedEncodingIsReported() throws IOException {
        Path f = dir.resolve("alaw.wav");
        Files.write(f, WavBytes.build(6, false, 1, 8000, 8, new long[4])); // A-law
        assertThatThrownBy(() -> WavIO.read(f))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("alaw.wav").hasMessageContaining("unsupported");
    }
}
