package io.mytts.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 */
public final class CheckpointManager {

    /** Writes a checkpoint's files into the (temporary) folder it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path folder) throws IOException;
    }

    private static final Pattern NAME = Pattern.compile("step-(\\d{8,})");
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
}
