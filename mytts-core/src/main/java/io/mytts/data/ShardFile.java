package io.mytts.data;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One file of the feature cache holding a group of utterances: a header with the index, then each
 * utterance's token ids (int32) and log-mel (float16, frame-major), all little-endian. Records are
 * read one at a time by position, so a reader never holds more than one utterance per call.
 *
 * <pre>
 * "MYTTSFC1" int version utf settingsHash int nMels int count
 * count x { utf id, utf speaker, utf text, long fingerprint, int tokens, int frames, long offset }
 * records...
 * </pre>
 */
final class ShardFile implements Closeable {

    static final String PREFIX = "shard-";
    static final String SUFFIX = ".bin";
    private static final byte[] MAGIC = "MYTTSFC1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    /** Where one utterance lies in a shard. */
    record Entry(String id, String speaker, String text, long fingerprint, int tokens, int frames, long offset) {}

    private final Path path;
    private final FileChannel channel;
    private final String settingsHash;
    private final int nMels;
    private final List<Entry> entries;

    private ShardFile(Path path, FileChannel channel, String settingsHash, int nMels, List<Entry> entries) {
        this.path = path;
        this.channel = channel;
        this.settingsHash = settingsHash;
        this.nMels = nMels;
        this.entries = entries;
    }

    /** The file name of shard {@code n} of a cache folder. */
    static String name(int n) {
        return String.format("%s%05d%s", PREFIX, n, SUFFIX);
    }

    static boolean isShardName(String name) {
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    /** The number in a shard's file name, or -1 when it has none. */
    static int number(String name) {
        try {
            return Integer.parseInt(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Writes the utterances to a temporary file beside {@code file}, then renames it into place. */
    static void write(Path file, List<CachedUtterance> items, int nMels, String settingsHash) throws IOException {
        // Header sizes depend on the strings, so write it once to measure, then with the offsets.
        long dataStart = header(items, nMels, settingsHash, new long[items.size()]).length;
        long[] offsets = new long[items.size()];
        long pos = dataStart;
        for (int i = 0; i < items.size(); i++) {
            offsets[i] = pos;
            CachedUtterance u = items.get(i);
            pos += 4L * u.tokens().length + 2L * u.frames() * nMels;
        }
        byte[] header = header(items, nMels, settingsHash, offsets);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, ByteBuffer.wrap(header));
            for (CachedUtterance u : items) {
                ByteBuffer b = ByteBuffer.allocate(4 * u.tokens().length + 2 * u.frames() * nMels)
                        .order(ByteOrder.LITTLE_ENDIAN);
                for (int t : u.tokens()) {
                    b.putInt(t);
                }
                for (float[] frame : u.mel()) {
                    if (frame.length != nMels) {
                        throw new IllegalArgumentException(u.id() + ": mel frame of " + frame.length
                                + " bands, expected " + nMels);
                    }
                    for (float v : frame) {
                        b.putShort(Float16.fromFloat(v));
                    }
                }
                b.flip();
                writeFully(out, b);
            }
            out.force(false);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] header(List<CachedUtterance> items, int nMels, String settingsHash, long[] offsets)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // DataOutputStream is big-endian; the header is read back the same way, the records are little-endian.
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            d.write(MAGIC);
            d.writeInt(VERSION);
            d.writeUTF(settingsHash);
            d.writeInt(nMels);
            d.writeInt(items.size());
            for (int i = 0; i < items.size(); i++) {
                CachedUtterance u = items.get(i);
                d.writeUTF(u.id());
                d.writeUTF(u.speaker());
                d.writeUTF(u.text());
                d.writeLong(u.fingerprint());
                d.writeInt(u.tokens().length);
                d.writeInt(u.frames());
                d.writeLong(offsets[i]);
            }
        }
        return bytes.toByteArray();
    }

    private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** Opens a shard and reads its index; the records stay on disk. */
    static ShardFile open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            java.io.DataInputStream in = new java.io.DataInputStream(
                    new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(ch.position(0))));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + ": not a feature cache shard");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + ": shard version " + version + ", expected " + VERSION);
            }
            String hash = in.readUTF();
            int nMels = in.readInt();
            int count = in.readInt();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(new Entry(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readInt(),
                        in.readInt(), in.readLong()));
            }
            // The buffered stream moved the shared channel; positional reads below don't depend on it.
            return new ShardFile(file, ch, hash, nMels, List.copyOf(entries));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    List<Entry> entries() {
        return entries;
    }

    String settingsHash() {
        return settingsHash;
    }

    int nMels() {
        return nMels;
    }

    Path path() {
        return path;
    }

    /** Reads one record; safe to call from several threads at once. */
    CachedUtterance read(Entry e) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * e.tokens() + 2 * e.frames() * nMels).order(ByteOrder.LITTLE_ENDIAN);
        long pos = e.offset();
        while (b.hasRemaining()) {
            int n = channel.read(b, pos + b.position());
            if (n < 0) {
                throw new IOException(path + ": truncated at record " + e.id() + "; run prepare again");
            }
        }
        b.flip();
        int[] tokens = new int[e.tokens()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = b.getInt();
        }
        float[][] mel = new float[e.frames()][nMels];
        for (float[] frame : mel) {
            for (int j = 0; j < nMels; j++) {
                frame[j] = Float16.toFloat(b.getShort());
            }
        }
        return new CachedUtterance(e.id(), e.speaker(), e.text(), e.fingerprint(), tokens, mel);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
