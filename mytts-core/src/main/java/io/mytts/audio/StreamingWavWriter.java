package io.mytts.audio;

import io.mytts.InvalidInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes mono 16-bit PCM WAV as the audio comes, so that memory does not grow with its length:
 * the header is written first with sizes of zero and fixed on {@link #close()}, when the sizes are
 * known. Samples are clipped to [-1, 1] as {@link WavIO#write} does, so a streamed file and one
 * written at once are byte for byte the same. A file left by a crash before close has sizes of
 * zero; {@link WavIO#read} then reads nothing, other readers may read to the end.
 *
 * <p>Thread-safe, so that a shutdown hook may {@link #close()} it (fixing the header over what was
 * written) while another thread writes; feed it from one thread, in order.
 */
public final class StreamingWavWriter implements Closeable {

    private static final int HEADER_BYTES = 44;
    private static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 36;

    private final Path file;
    private final int sampleRate;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long samples;
    private boolean closed;

    /** Creates (or replaces) {@code file}, and its folder when missing. */
    public StreamingWavWriter(Path file, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        this.file = file;
        this.sampleRate = sampleRate;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            channel.write(header(0));
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Samples written so far. */
    public synchronized long samples() {
        return samples;
    }

    public synchronized double durationSeconds() {
        return samples / (double) sampleRate;
    }

    /** Appends samples. */
    public void write(float[] audio) {
        write(audio, 0, audio.length);
    }

    public synchronized void write(float[] audio, int offset, int length) {
        ensureOpen();
        if (2 * (samples + length) > MAX_DATA_BYTES) {
            throw new InvalidInputException(file + ": too much audio for one WAV file (over 4 GB)");
        }
        for (int i = offset; i < offset + length; i++) {
            if (buffer.remaining() < 2) {
                drain();
            }
            buffer.putShort(WavIO.toPcm16(audio[i]));
        }
        samples += length;
    }

    /** Appends {@code count} samples of silence. */
    public synchronized void silence(int count) {
        ensureOpen();
        float[] zeros = new float[Math.min(count, 4096)];
        for (int left = count; left > 0; left -= zeros.length) {
            write(zeros, 0, Math.min(left, zeros.length));
        }
    }

    /** Writes what is buffered and fixes the header's sizes. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (FileChannel c = channel) {
            drain();
            c.write(header(2 * samples), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
    }

    private void drain() {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + " failed", e);
        }
        buffer.clear();
    }

    private ByteBuffer header(long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        WavIO.putHeader(b, sampleRate, dataBytes);
        return b.flip();
    }
}
