package io.mytts.audio;

import io.mytts.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files of float32 (little-endian), one or two dimensions: the format in which
 * mel spectrograms and filter banks are exchanged with the Python ecosystem.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Reads a float32 array of one or two dimensions. */
    public static NpyArray read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return parse(bytes, file);
    }

    /** Reads a 2-D float32 array as rows. */
    public static float[][] readMatrix(Path file) {
        NpyArray a = read(file);
        if (a.rank() != 2) {
            throw bad(file, "expected a 2-D array, got shape " + shapeString(a.shape()));
        }
        return a.toMatrix();
    }

    /** Reads a 2-D float32 array whose second dimension must be {@code cols} (e.g. 80 mel bands). */
    public static float[][] readMatrix(Path file, int cols) {
        NpyArray a = read(file);
        int[] s = a.shape();
        if (s.length != 2 || s[1] != cols) {
            throw bad(file, "expected a 2-D array of shape (N, " + cols + "), got shape " + shapeString(s));
        }
        return a.toMatrix();
    }

    /** Reads a 1-D float32 array. */
    public static float[] readVector(Path file) {
        NpyArray a = read(file);
        if (a.rank() != 1) {
            throw bad(file, "expected a 1-D array, got shape " + shapeString(a.shape()));
        }
        return a.data();
    }

    public static void write(Path file, NpyArray array) {
        int[] shape = array.shape();
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeString(shape) + ", }";
        // Version 1.0: magic, version, 2-byte header length; header padded so data starts at a multiple of 64.
        int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String padded = header + " ".repeat(padding) + "\n";
        byte[] h = padded.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + h.length + 4 * array.data().length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        b.asFloatBuffer().put(array.data());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes rows as a 2-D array of shape (rows, cols). */
    public static void write(Path file, float[][] rows) {
        write(file, NpyArray.of(rows));
    }

    /** Writes rows as a 2-D array of shape (rows, cols), so that an empty matrix keeps its width. */
    public static void write(Path file, float[][] rows, int cols) {
        write(file, NpyArray.of(rows, cols));
    }

    /** Writes a 1-D array. */
    public static void write(Path file, float[] values) {
        write(file, NpyArray.of(values));
    }

    static NpyArray parse(byte[] bytes, Path file) {
        if (bytes.length == 0) {
            throw bad(file, "empty file, not a NumPy .npy file");
        }
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw bad(file, "not a NumPy .npy file (no \\x93NUMPY magic)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw bad(file, "truncated .npy header");
            }
            headerLen = b.getInt(8);
            headerStart = 12;
        } else {
            throw bad(file, "unsupported .npy format version " + major);
        }
        if (headerLen < 0 || headerStart + (long) headerLen > bytes.length) {
            throw bad(file, "truncated .npy header");
        }
        String header = new String(bytes, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, file, "descr");
        if (!descr.equals("<f4") && !descr.equals("=f4")) {
            throw bad(file, "expected float32 little-endian data ('<f4'), got dtype '" + descr
                    + "'; convert it with array.astype(numpy.float32)");
        }
        boolean fortran = find(FORTRAN, header, file, "fortran_order").equals("True");
        int[] shape = parseShape(find(SHAPE, header, file, "shape"), file);
        if (shape.length == 0 || shape.length > 2) {
            throw bad(file, "expected a 1-D or 2-D array, got shape " + shapeString(shape));
        }
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        int dataStart = headerStart + headerLen;
        long available = (bytes.length - dataStart) / 4;
        if (count > available) {
            throw bad(file, "truncated .npy file: shape " + shapeString(shape) + " needs " + count
                    + " values but only " + available + " follow");
        }
        float[] data = new float[(int) count];
        b.position(dataStart);
        b.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        if (fortran && shape.length == 2) {
            data = transposeColumnMajor(data, shape[0], shape[1]);
        }
        return new NpyArray(data, shape);
    }

    private static float[] transposeColumnMajor(float[] colMajor, int rows, int cols) {
        float[] out = new float[colMajor.length];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                out[r * cols + c] = colMajor[c * rows + r];
            }
        }
        return out;
    }

    private static int[] parseShape(String inner, Path file) {
        String[] parts = inner.split(",");
        int n = 0;
        int[] shape = new int[parts.length];
        for (String p : parts) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                shape[n++] = Integer.parseInt(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw bad(file, "malformed shape '(" + inner + ")' in the .npy header");
            }
        }
        return Arrays.copyOf(shape, n);
    }

    private static String find(Pattern p, String header, Path file, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw bad(file, "malformed .npy header: no '" + key + "'");
        }
        return m.group(1);
    }

    static String shapeString(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(")").toString();
    }

    private static InvalidInputException bad(Path file, String problem) {
        return new InvalidInputException(file + ": " + problem);
    }
}
