package io.mytts.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte for tests, independently of {@link WavIO}'s writer. */
final class WavBytes {

    private WavBytes() {}

    /**
     * A WAV of interleaved frames. {@code raw} holds integer sample values (PCM) or float bits
     * already converted by the caller; each is written in {@code bits / 8} little-endian bytes.
     */
    static byte[] build(int formatCode, boolean extensible, int channels, int rate, int bits, long[] raw) {
        int bytesPer = bits / 8;
        int dataLen = raw.length * bytesPer;
        int fmtLen = extensible ? 40 : 16;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtLen + 8 + 4 + 8 + dataLen + (dataLen & 1))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(b.capacity() - 8).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(fmtLen)
                .putShort((short) (extensible ? 0xFFFE : formatCode)).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bytesPer).putShort((short) (channels * bytesPer))
                .putShort((short) bits);
        if (extensible) {
            b.putShort((short) 22).putShort((short) bits).putInt(0); // cbSize, valid bits, channel mask
            b.putShort((short) formatCode).put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0,
                    0x38, (byte) 0x9B, 0x71}); // the KSDATAFORMAT GUID tail
        }
        b.put(ascii("LIST")).putInt(4).put(ascii("INFO")); // an extra chunk readers must skip
        b.put(ascii("data")).putInt(dataLen);
        for (long v : raw) {
            for (int i = 0; i < bytesPer; i++) {
                b.put((byte) (v >> (8 * i)));
            }
        }
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
