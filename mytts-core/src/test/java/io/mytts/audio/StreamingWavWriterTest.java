package io.mytts.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingWavWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void piecesAndSilenceGiveTheSameBytesAsOneWrite(long seed) throws Exception {
        Random rnd = new Random(seed);
        int rate = 8000 + rnd.nextInt(40000);
        float[] all = new float[rnd.nextInt(200_000)];
        int silenceAt = all.length / 3;
        int silence = Math.min(rnd.nextInt(50_000), all.length - silenceAt);
        for (int i = 0; i < all.length; i++) {
            all[i] = i >= silenceAt && i < silenceAt + silence ? 0 : (float) (rnd.nextGaussian() * 0.5);
        }
        Path streamed = dir.resolve("streamed-" + seed + ".wav");
        try (StreamingWavWriter w = new StreamingWavWriter(streamed, rate)) {
            int at = 0;
            while (at < silenceAt) {
                int n = Math.min(silenceAt - at, 1 + rnd.nextInt(70_000));
                w.write(all, at, n);
                at += n;
            }
            w.silence(silence);
            float[] rest = java.util.Arrays.copyOfRange(all, silenceAt + silence, all.length);
            w.write(rest);
            assertThat(w.samples()).isEqualTo(all.length);
        }
        Path once = dir.resolve("once-" + seed + ".wav");
        WavIO.write(once, all, rate);
        assertThat(Files.readAllBytes(streamed)).isEqualTo(Files.readAllBytes(once));
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(streamed)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt(40)).isEqualTo(2 * all.length);
        assertThat(WavIO.read(streamed).samples()).hasSize(all.length);
    }

    @ParameterizedTest
    @ValueSource(ints = {16000})
    void writingAfterCloseIsAnError(int rate) {
        StreamingWavWriter w = new StreamingWavWriter(dir.resolve("x.wav"), rate);
        w.close();
        w.close(); // twice is harmless
        assertThatThrownBy(() -> w.write(new float[1])).isInstanceOf(IllegalStateException.class);
    }
}
