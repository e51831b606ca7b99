package io.mytts.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of one run: {@code RUN/checkpoints/step-00001000/} folders, each written
 * into a temporary folder first and renamed into place, so that a crash mid-write never leaves
 * a half checkpoint under a real name. Keeps the last K and the best by validation loss
 * (recorded in {@code RUN/checkpoints/best.json}).
 *
 * <p>Each folder holds {@value #CHECKSUMS}: the SHA-256 of every file in it, in the format of
 * {@code sha256sum} (so {@code sha256sum -c checksums.sha256} checks it by hand), written with the
 * files before the rename. {@link #latestIntact()} checks them, so that a resume skips a checkpoint
 * that a full disk, a copy or a crash of the machine cut short, and says so.
 */
public final class CheckpointManager {

    /** Writes a checkpoint's files into the (temporary) folder it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path folder) throws IOException;
    }

    /** The checksum manifest in each checkpoint folder. */
    public static final String CHECKSUMS = "checksums.sha256";
    private static final Pattern NAME = Pattern.compile("step-(\\d{8,})");
    private static final Pattern CHECKSUM_LINE = Pattern.compile("([0-9a-f]{64}) [ *](.+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final int keepLast;

    public CheckpointManager(Path runFolder, int keepLast) {
        this.root = runFolder.resolve("checkpoints");
        this.keepLast = keepLast;
    }

    public Path root() {
        return root;
    }

    static String folderName(long step) {
        return String.format("step-%08d", step);
    }

    /** Writes the checkpoint of {@code step} atomically and prunes old ones; returns its folder. */
    public Path save(long step, Writer writer) throws IOException {
        Files.createDirectories(root);
        Path target = root.resolve(folderName(step));
        Path tmp = Files.createTempDirectory(root, ".tmp-" + folderName(step) + "-");
        try {
            writer.writeTo(tmp);
            writeChecksums(tmp);
            if (Files.exists(target)) {
                // A rerun of the same step (after a rollback): replace the old one.
                deleteRecursively(target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteRecursively(tmp);
            }
        }
        prune();
        return target;
    }

    private static void writeChecksums(Path folder) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sb.append(sha256(f)).append("  ").append(f.getFileName()).append('\n');
            }
        }
        Files.writeString(folder.resolve(CHECKSUMS), sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * What is wrong with a checkpoint folder: a file missing or changed since it was written
     * (checked against {@value #CHECKSUMS}), or nothing. A folder written before checksums were
     * recorded has no manifest and passes.
     */
    public Optional<String> damage(Path folder) {
        Path manifest = folder.resolve(CHECKSUMS);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.of("its " + CHECKSUMS + " cannot be read (" + e.getMessage() + ")");
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = CHECKSUM_LINE.matcher(line);
            if (!m.matches()) {
                return Optional.of("its " + CHECKSUMS + " has a line that is not 'SHA-256  file': " + line);
            }
            Path file = folder.resolve(m.group(2));
            if (!Files.isRegularFile(file)) {
                return Optional.of(m.group(2) + " is missing");
            }
            if (!sha256(file).equals(m.group(1))) {
                long size;
                try {
                    size = Files.size(file);
                } catch (IOException e) {
                    size = -1;
                }
                return Optional.of(m.group(2) + " (" + size + " bytes) differs from the file written"
                        + " (its SHA-256 is not the one recorded): cut short or changed since");
            }
        }
        return Optional.empty();
    }

    /**
     * The newest checkpoint whose files are intact, and what was wrong with each newer one.
     *
     * @param folder the checkpoint to continue from
     * @param skipped one line per newer checkpoint passed over: its name and what is wrong
     */
    public record Intact(Path folder, long step, List<String> skipped) {
        public Intact {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * The newest intact checkpoint; empty when there is none at all.
     *
     * @throws InvalidInputException when there are checkpoints but every one is damaged
     */
    public Optional<Intact> latestIntact() {
        List<Long> steps = steps();
        List<String> skipped = new ArrayList<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            Path folder = folder(steps.get(i));
            Optional<String> damage = damage(folder);
            if (damage.isEmpty()) {
                return Optional.of(new Intact(folder, steps.get(i), skipped));
            }
            skipped.add(folder.getFileName() + ": " + damage.get());
        }
        if (!skipped.isEmpty()) {
            throw new InvalidInputException("every checkpoint in " + root + " is damaged: "
                    + String.join("; ", skipped) + "; start the run again in another folder");
        }
        return Optional.empty();
    }

    /** Records {@code step} as the best checkpoint if its validation loss beats the record. */
    public boolean offerBest(long step, double validationLoss) throws IOException {
        Optional<Best> current = best();
        if (current.isPresent() && !(validationLoss < current.get().loss())) {
            return false;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("step", step);
        node.put("validation_loss", validationLoss);
        Files.createDirectories(root);
        Path tmp = root.resolve(".best.json.tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), node);
        Files.move(tmp, root.resolve("best.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        prune();
        return true;
    }

    /** The best step and its validation loss, if any validation has run. */
    public record Best(long step, double loss) {}

    public Optional<Best> best() {
        Path file = root.resolve("best.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            var node = JSON.readTree(file.toFile());
            return Optional.of(new Best(node.get("step").asLong(), node.get("validation_loss").asDouble()));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + " (" + e.getMessage()
                    + "); delete it to forget the best checkpoint");
        }
    }

    /** Steps that have a complete checkpoint, oldest first. */
    public List<Long> steps() {
        List<Long> steps = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return steps;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p)) {
                    steps.add(Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        steps.sort(Comparator.naturalOrder());
        return steps;
    }

    public OptionalLong latestStep() {
        List<Long> s = steps();
        return s.isEmpty() ? OptionalLong.empty() : OptionalLong.of(s.get(s.size() - 1));
    }

    public Optional<Path> latest() {
        OptionalLong s = latestStep();
        return s.isPresent() ? Optional.of(folder(s.getAsLong())) : Optional.empty();
    }

    public Path folder(long step) {
        return root.resolve(folderName(step));
    }

    /** Removes all but the last K checkpoints and the best one. */
    void prune() throws IOException {
        List<Long> steps = steps();
        OptionalLong bestStep = best().map(b -> OptionalLong.of(b.step())).orElse(OptionalLong.empty());
        for (int i = 0; i < steps.size() - keepLast; i++) {
            long s = steps.get(i);
            if (bestStep.isPresent() && bestStep.getAsLong() == s) {
                continue;
            }
            deleteRecursively(folder(s));
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path q : all) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** SHA-256 of a file's bytes (or of its name when it cannot be read), in hex. */
    public static String sha256(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            return "unreadable:" + file;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
