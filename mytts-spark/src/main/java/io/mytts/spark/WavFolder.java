package io.mytts.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A folder on any Hadoop-compatible file system (a local path, {@code file:}, {@code hdfs:},
 * {@code s3a:} ...) that executors write WAV files into, one per row, named after the row's id.
 */
final class WavFolder implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private final String folder;
    private final SerializableConfiguration hadoop;

    WavFolder(String folder, SerializableConfiguration hadoop) {
        this.folder = folder;
        this.hadoop = hadoop;
    }

    /** The file system of the folder, opened once per task. */
    Writer open() {
        try {
            Path root = new Path(folder);
            FileSystem fs = root.getFileSystem(hadoop.get());
            return new Writer(fs, fs.makeQualified(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the output folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file name for an id: the id itself when it is made of letters, digits, dots, dashes and
     * underscores and does not start with a dot; otherwise those characters with the rest replaced by '_' and the id's hash
     * appended, so that two ids never share a file.
     */
    static String fileName(String id) {
        String safe = UNSAFE.matcher(id).replaceAll("_");
        if (safe.equals(id) && !id.isEmpty() && !id.startsWith(".")) {
            return id + ".wav";
        }
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1); // no hidden files, no "..": a name, never a path
        }
        return safe + "-" + String.format("%08x", id.hashCode()) + ".wav";
    }

    /** Writes files into the folder; a task's retry overwrites what the failed attempt left. */
    static final class Writer {
        private final FileSystem fs;
        private final Path root;

        private Writer(FileSystem fs, Path root) {
            this.fs = fs;
            this.root = root;
        }

        /** Writes the bytes as the id's file and returns its full path. */
        String write(String id, byte[] wav) {
            Path file = new Path(root, fileName(id));
            try (OutputStream out = fs.create(file, true)) {
                out.write(wav);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            return file.toString();
        }
    }
}
