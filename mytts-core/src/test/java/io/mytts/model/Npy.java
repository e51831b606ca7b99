package io.mytts.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal NumPy .npy reading and writing of 2-D little-endian float32 arrays, for golden files. */
final class Npy {

    private Npy() {}

    static void write(Path file, float[][] rows) throws IOException {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows.length + ", " + cols + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + 4 * rows.length * cols)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buf.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (float[] row : rows) {
            for (float v : row) {
                buf.putFloat(v);
            }
        }
        Files.write(file, buf.array());
    }

    static float[][] read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(8);
        int headerLength = buf.getShort() & 0xffff;
        byte[] h = new byte[headerLength];
        buf.get(h);
        String header = new String(h, StandardCharsets.US_ASCII);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IOException("expected C-order float32 in " + file + ": " + header);
        }
        Matcher m = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
        if (!m.find()) {
            throw new IOException("expected a 2-D array in " + file + ": " + header);
        }
        float[][] rows = new float[Integer.parseInt(m.group(1))][Integer.parseInt(m.group(2))];
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = buf.getFloat();
            }
        }
        return rows;
    }
}
