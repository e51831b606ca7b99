package io.mytts.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * 16-bit mono PCM in the containers the APIs send: whole WAV, AU and AIFF files (written by the
 * JDK's {@link AudioSystem}), a streaming WAV header whose lengths are unknown, and raw PCM.
 */
final class AudioEncoding {

    /** The RIFF and data sizes of a WAV stream whose length is not known yet (as ffmpeg writes to a pipe). */
    private static final int UNKNOWN_LENGTH = 0xFFFF_FFFF;

    private AudioEncoding() {}

    /** Little-endian signed 16-bit samples, clipped to [-1, 1]. */
    static byte[] pcm16(float[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            float c = Float.isNaN(s) ? 0f : Math.max(-1f, Math.min(1f, s));
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(c * 32768f))));
        }
        return b.array();
    }

    /**
     * The 44-byte header of a 16-bit mono WAV stream with unknown length: RIFF and data sizes are
     * 0xFFFFFFFF, which players and {@code WavIO} read as "to the end of the stream".
     */
    static byte[] streamingWavHeader(int sampleRate) {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(UNKNOWN_LENGTH).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt(UNKNOWN_LENGTH);
        return b.array();
    }

    /** A whole audio file of the given type (WAVE, AU or AIFF) with 16-bit mono samples. */
    static byte[] file(float[] samples, int sampleRate, AudioFileFormat.Type type) {
        byte[] pcm = pcm16(samples);
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 64);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length)) {
            AudioSystem.write(in, type, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
