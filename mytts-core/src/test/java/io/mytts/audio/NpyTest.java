package io.mytts.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpyTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"1,1", "3,80", "129,80", "0,80", "7,1"})
    void matrixRoundTrips(int rows, int cols) {
        Random rnd = new Random(rows * 1000L + cols);
        float[][] m = new float[rows][cols];
        for (float[] r : m) {
            for (int j = 0; j < cols; j++) {
                r[j] = (float) rnd.nextGaussian();
            }
        }
        Path f = dir.resolve("m.npy");
        if (rows > 0) {
            Npy.write(f, m);
        } else {
            Npy.write(f, m, cols);
        }

        NpyArray a = Npy.read(f);

        assertThat(a.shape()).containsExactly(rows, cols);
        assertThat(Npy.readMatrix(f)).isDeepEqualTo(m);
        assertThat(Npy.readMatrix(f, cols)).isDeepEqualTo(m);
    }

    @Test
    void vectorRoundTrips() {
        float[] v = {1f, -2.5f, Float.MIN_VALUE, 1e30f};
        Path f = dir.resolve("v.npy");
        Npy.write(f, v);
        assertThat(Npy.readVector(f)).containsExactly(v);
        assertThat(Npy.read(f).shape()).containsExactly(4);
    }

    @Test
    void headerIsNumpyVersion1AlignedTo64() throws IOException {
        Path f = dir.resolve("h.npy");
        Npy.write(f, new float[][] {{1, 2}, {3, 4}, {5, 6}});
        byte[] b = Files.readAllBytes(f);
        int headerLen = (b[8] & 0xFF) | ((b[9] & 0xFF) << 8);
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat((10 + headerLen) % 64).isZero();
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }").endsWith("\n");
        assertThat(b.length).isEqualTo(10 + headerLen + 6 * 4);
        float first = ByteBuffer.wrap(b, 10 + headerLen, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(first).isEqualTo(1f);
    }

    @Test
    void readsNumpysOwnFile() {
        NpyArray basis = Npy.read(SharedData.reference("mel_basis_22050_1024_80_0_8000.npy"));
        assertThat(basis.shape()).containsExactly(80, 513);
        NpyArray mel = Npy.read(SharedData.reference("chirp.logmel.npy"));
        assertThat(mel.shape()).containsExactly(129, 80);
    }

    @Test
    void readsFortranOrder() throws IOException {
        // 2 x 3 matrix [[1,2,3],[4,5,6]] stored column-major: 1 4 2 5 3 6
        Path f = dir.resolve("f.npy");
        Files.write(f, npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", new float[] {1, 4, 2, 5, 3, 6}));
        assertThat(Npy.readMatrix(f)).isDeepEqualTo(new float[][] {{1, 2, 3}, {4, 5, 6}});
    }

    @Test
    void wrongDtypeIsReported() throws IOException {
        Path f = dir.resolve("double.npy");
        Files.write(f, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", new float[4]));
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("double.npy").hasMessageContaining("<f8").hasMessageContaining("float32");
    }

    @Test
    void wrongShapeIsReported() {
        Path f = dir.resolve("shape.npy");
        Npy.write(f, new float[][] {{1, 2, 3}});
        assertThatThrownBy(() -> Npy.readMatrix(f, 80)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("shape.npy").hasMessageContaining("(1, 3)").hasMessageContaining("80");
        assertThatThrownBy(() -> Npy.readVector(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1-D");
        Path v = dir.resolve("vec.npy");
        Npy.write(v, new float[] {1, 2});
        assertThatThrownBy(() -> Npy.readMatrix(v)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("vec.npy").hasMessageContaining("(2,)");
    }

    @Test
    void threeDimensionsAreRejected() throws IOException {
        Path f = dir.resolve("cube.npy");
        Files.write(f, npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2), }", new float[8]));
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cube.npy").hasMessageContaining("(2, 2, 2)");
    }

    @Test
    void truncatedDataIsReported() throws IOException {
        Path f = dir.resolve("cut.npy");
        Npy.write(f, new float[][] {{1, 2}, {3, 4}});
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 3));
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cut.npy").hasMessageContaining("truncated");
    }

    @Test
    void badFilesAreNamed() throws IOException {
        Path empty = Files.write(dir.resolve("empty.npy"), new byte[0]);
        Path text = Files.writeString(dir.resolve("text.npy"), "not numpy at all");
        Path missing = dir.resolve("missing.npy");
        assertThatThrownBy(() -> Npy.read(empty)).isInstanceOf(InvalidInputException.class).hasMessageContaining("empty.npy");
        assertThatThrownBy(() -> Npy.read(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("text.npy").hasMessageContaining("not a NumPy");
        assertThatThrownBy(() -> Npy.read(missing)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing.npy").hasMessageContaining("no such file");
    }

    /** A version-1 .npy with the given header (padded here) and data, built without {@link Npy}. */
    private static byte[] npy(String header, float[] data) {
        String h = header;
        while ((10 + h.length() + 1) % 64 != 0) {
            h += " ";
        }
        h += "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length());
        b.put(h.getBytes(StandardCharsets.US_ASCII));
        for (float x : data) {
            b.putFloat(x);
        }
        return b.array();
    }
}
