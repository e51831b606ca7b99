package io.mytts.audio;

import io.mytts.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes RIFF/WAVE files.
 *
 * <p>Reading understands integer PCM of 8, 16, 24 and 32 bits, IEEE float of 32 and 64 bits, and
 * the same inside {@code WAVE_FORMAT_EXTENSIBLE}; several channels are averaged to mono. Integer
 * samples are scaled by 2^(bits-1) (16-bit: sample / 32768, the reference convention); 8-bit
 * samples are unsigned around 128. Writing produces 16-bit PCM mono with samples clipped to
 * [-1, 1].
 */
public final class WavIO {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavIO() {}

    /** The audio of a WAV file, mixed to mono. */
    public static AudioClip read(Path file) {
        byte[] bytes = readAll(file);
        try {
            return parse(bytes, file);
        } catch (java.nio.BufferUnderflowException e) {
            throw bad(file, "truncated WAV file (it ends inside a header)");
        }
    }

    /** The audio of WAV bytes, mixed to mono; {@code name} is used in error messages. */
    public static AudioClip read(byte[] bytes, String name) {
        try {
            return parse(bytes, Path.of(name));
        } catch (java.nio.BufferUnderflowException e) {
            throw bad(Path.of(name), "truncated WAV file (it ends inside a header)");
        }
    }

    /** Writes mono 16-bit PCM; samples are clipped to [-1, 1] and rounded. */
    public static void write(Path file, float[] samples, int sampleRate) {
        byte[] bytes = encode(samples, sampleRate, file.toString());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a mono 16-bit PCM WAV file of the clip, as {@link #write} writes them. */
    public static byte[] toBytes(AudioClip clip) {
        return encode(clip.samples(), clip.sampleRate(), "the audio");
    }

    private static byte[] encode(float[] samples, int sampleRate, String name) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        long dataBytes = 2L * samples.length;
        if (dataBytes > 0xFFFF_FFFFL - 36) {
            throw new InvalidInputException(name + ": too much audio for one WAV file (" + samples.length + " samples)");
        }
        ByteBuffer b = ByteBuffer.allocate(44 + (int) dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        putHeader(b, sampleRate, dataBytes);
        for (float s : samples) {
            b.putShort(toPcm16(s));
        }
        return b.array();
    }

    /** Writes a clip as mono 16-bit PCM. */
    public static void write(Path file, AudioClip clip) {
        write(file, clip.samples(), clip.sampleRate());
    }

    /** The 44-byte header of mono 16-bit PCM with {@code dataBytes} of samples. */
    static void putHeader(ByteBuffer b, int sampleRate, long dataBytes) {
        b.put(ascii("RIFF")).putInt((int) (36 + dataBytes)).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) FORMAT_PCM).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt((int) dataBytes);
    }

    static short toPcm16(float s) {
        float c = Float.isNaN(s) ? 0f : Math.max(-1f, Math.min(1f, s));
        return (short) Math.max(-32768, Math.min(32767, Math.round(c * 32768f)));
    }

    private static byte[] readAll(Path file) {
        if (Files.isDirectory(file)) {
            throw bad(file, "is a directory, not a WAV file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static AudioClip parse(byte[] bytes, Path file) {
        if (bytes.length == 0) {
            throw bad(file, "empty file, not a WAV file");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
            throw bad(file, "not a WAV file (no RIFF/WAVE header)");
        }
        Format fmt = null;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = tag(b, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + size > bytes.length) {
                    throw bad(file, "truncated or malformed 'fmt ' chunk");
                }
                fmt = Format.parse(b, body, (int) size, file);
            } else if (id.equals("data")) {
                if (fmt == null) {
                    throw bad(file, "the 'data' chunk comes before the 'fmt ' chunk");
                }
                long available = bytes.length - body;
                if (size == 0xFFFF_FFFFL) {
                    size = available; // written by a stream (e.g. ffmpeg to a pipe): the data runs to the end
                }
                if (size > available) {
                    throw bad(file, "truncated WAV file: the data chunk declares " + size
                            + " bytes but only " + available + " follow");
                }
                return decode(b, body, (int) size, fmt, file);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1)); // chunks are word-aligned
        }
        throw bad(file, fmt == null ? "truncated WAV file: no 'fmt ' chunk" : "truncated WAV file: no 'data' chunk");
    }

    private static AudioClip decode(ByteBuffer b, int start, int size, Format f, Path file) {
        int frameBytes = f.channels * f.bytesPerSample();
        int frames = size / frameBytes;
        float[] out = new float[frames];
        float mix = 1f / f.channels;
        int p = start;
        for (int i = 0; i < frames; i++) {
            float sum = 0;
            for (int c = 0; c < f.channels; c++) {
                sum += sample(b, p, f);
                p += f.bytesPerSample();
            }
            out[i] = f.channels == 1 ? sum : sum * mix;
        }
        return new AudioClip(out, f.sampleRate);
    }

    private static float sample(ByteBuffer b, int p, Format f) {
        if (f.isFloat) {
            return f.bits == 32 ? b.getFloat(p) : (float) b.getDouble(p);
        }
        return switch (f.bits) {
            case 8 -> ((b.get(p) & 0xFF) - 128) / 128f;
            case 16 -> b.getShort(p) / 32768f;
            case 24 -> ((b.get(p) & 0xFF) | ((b.get(p + 1) & 0xFF) << 8) | (b.get(p + 2) << 16)) / 8388608f;
            case 32 -> (float) (b.getInt(p) / 2147483648.0);
            default -> throw new IllegalStateException("unreachable: " + f.bits);
        };
    }

    /** The parts of the 'fmt ' chunk that decoding needs. */
    private record Format(int channels, int sampleRate, int bits, boolean isFloat) {

        int bytesPerSample() {
            return bits / 8;
        }

        static Format parse(ByteBuffer b, int p, int size, Path file) {
            int code = b.getShort(p) & 0xFFFF;
            int channels = b.getShort(p + 2) & 0xFFFF;
            int rate = b.getInt(p + 4);
            int bits = b.getShort(p + 14) & 0xFFFF;
            if (code == FORMAT_EXTENSIBLE) {
                if (size < 40) {
                    throw bad(file, "malformed WAVE_FORMAT_EXTENSIBLE header (fmt chunk of " + size + " bytes)");
                }
                code = b.getShort(p + 24) & 0xFFFF; // first two bytes of the sub-format GUID
            }
            if (channels == 0) {
                throw bad(file, "the WAV header declares 0 channels");
            }
            if (rate <= 0) {
                throw bad(file, "the WAV header declares a sample rate of " + Integer.toUnsignedString(rate));
            }
            if (code == FORMAT_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) {
                return new Format(channels, rate, bits, false);
            }
            if (code == FORMAT_FLOAT && (bits == 32 || bits == 64)) {
                return new Format(channels, rate, bits, true);
            }
            throw bad(file, "unsupported WAV encoding (format code " + code + ", " + bits
                    + " bits); use integer PCM of 8/16/24/32 bits or 32-bit float, e.g."
                    + " 'sox IN -b 16 OUT.wav'");
        }
    }

    private static String tag(ByteBuffer b, int p) {
        byte[] t = new byte[4];
        b.get(p, t);
        return new String(t, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static InvalidInputException bad(Path file, String problem) {
        return new InvalidInputException(file + ": " + problem);
    }
}
