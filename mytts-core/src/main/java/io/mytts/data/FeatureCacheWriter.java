package io.mytts.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a second feature cache for the utterances of a prepared one, with other mels (a model's
 * predictions) but the same ids, tokens, settings and settings hash, so that it opens with
 * {@link FeatureCache#open} and its frame t describes the same audio as the source's. Its manifest
 * is the source's with the items written, their lengths, {@value #MELS_KEY} (where the mels came
 * from, as the caller describes it), {@value #DERIVED_FROM_KEY} and {@value #COMPLETE_KEY}.
 *
 * <p>Shards are written as they fill, each followed by the manifest, so an interrupted run keeps
 * what it wrote: opened again with the same mel source, the writer keeps those utterances
 * ({@link #written()}) and adds the rest. A folder holding mels of another source is emptied first;
 * a folder holding anything else is refused. Thread-safe.
 */
public final class FeatureCacheWriter implements AutoCloseable {

    /** The manifest key that says where the mels came from; absent in a prepared cache. */
    public static final String MELS_KEY = "mels";
    public static final String DERIVED_FROM_KEY = "derived_from";
    /** Whether every utterance of the source is in the cache. */
    public static final String COMPLETE_KEY = "complete";

    private static final Logger LOG = LoggerFactory.getLogger(FeatureCacheWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeatureCache source;
    private final Path dir;
    private final JsonNode melSource;
    private final int shardSize;
    private final List<String> shards = new ArrayList<>();
    /** Ids added, in this run or an earlier one. */
    private final Set<String> added = new LinkedHashSet<>();
    private final Set<String> resumed;
    private final List<CachedUtterance> pending = new ArrayList<>();
    private boolean finished;

    private FeatureCacheWriter(FeatureCache source, Path dir, JsonNode melSource, int shardSize) throws IOException {
        this.source = source;
        this.dir = dir;
        this.melSource = melSource;
        this.shardSize = shardSize;
        Files.createDirectories(dir);
        keepOrClear();
        this.resumed = Set.copyOf(added);
        Path symbols = source.dir().resolve(FeatureCache.SYMBOLS);
        if (Files.isRegularFile(symbols)) {
            Files.copy(symbols, dir.resolve(FeatureCache.SYMBOLS), StandardCopyOption.REPLACE_EXISTING);
        }
        writeManifest(); // at once: the folder says whose mels it holds before the first shard
    }

    /**
     * A writer of other mels for {@code source}'s utterances into {@code dir}.
     *
     * @param melSource what made the mels (kept in the manifest under {@value #MELS_KEY}); a folder
     *     written with an equal description is resumed
     * @param shardSize utterances per shard file
     */
    public static FeatureCacheWriter open(FeatureCache source, Path dir, Map<String, Object> melSource, int shardSize) {
        if (shardSize < 1) {
            throw new IllegalArgumentException("shardSize must be at least 1, got " + shardSize);
        }
        if (dir.toAbsolutePath().normalize().equals(source.dir().toAbsolutePath().normalize())) {
            throw new InvalidInputException(dir + " is the corpus's own feature cache; write the other mels to"
                    + " another folder");
        }
        try {
            return new FeatureCacheWriter(source, dir, JSON.valueToTree(melSource), shardSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps the shards of an earlier run with the same mel source, or deletes those of another one. */
    private void keepOrClear() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.toList();
        }
        if (files.isEmpty()) {
            return;
        }
        Path manifest = dir.resolve(FeatureCache.MANIFEST);
        JsonNode old = Files.isRegularFile(manifest) ? JSON.readTree(manifest.toFile()) : null;
        if (old == null || !old.has(MELS_KEY)) {
            throw new InvalidInputException(dir + " is not empty and holds no predicted mels (no " + MELS_KEY
                    + " in a " + FeatureCache.MANIFEST + "); give an empty or new folder");
        }
        boolean same = old.get(MELS_KEY).equals(melSource)
                && old.path("settings_hash").asText().equals(source.settingsHash());
        if (same) {
            try (FeatureCache earlier = FeatureCache.open(dir)) {
                for (String id : earlier.ids()) {
                    if (source.contains(id) && source.frames(id) == earlier.frames(id)) {
                        added.add(id);
                    }
                }
                old.path("shards").forEach(n -> shards.add(n.asText()));
                LOG.info("{}: continuing, {} utterances already written", dir, added.size());
            } catch (InvalidInputException e) {
                LOG.warn("{}: unreadable ({}); written again", dir, e.getMessage());
                same = false;
            }
        } else {
            LOG.info("{}: held mels of {}; written again", dir, old.get(MELS_KEY));
        }
        for (Path p : files) {
            String name = p.getFileName().toString();
            boolean kept = same && shards.contains(name);
            if (!kept && (ShardFile.isShardName(name) || name.endsWith(".tmp"))) {
                Files.delete(p);
            }
        }
    }

    /** The ids already in the folder from an earlier run with the same mel source. */
    public Set<String> written() {
        return resumed;
    }

    /** Adds one utterance of the source with its new mel (as many bands as the source's). */
    public synchronized void add(String id, float[][] mel) {
        if (finished) {
            throw new IllegalStateException("the cache is finished");
        }
        if (mel.length > 0 && mel[0].length != source.nMels()) {
            throw new IllegalArgumentException(id + ": " + mel[0].length + " mel bands, the cache has "
                    + source.nMels());
        }
        CachedUtterance real = source.read(id);
        pending.add(new CachedUtterance(id, real.speaker(), real.text(), real.fingerprint(), real.tokens(), mel));
        added.add(id);
        if (pending.size() >= shardSize) {
            flush();
        }
    }

    /** Writes what is left and the manifest, marked complete when every source utterance is in. */
    public synchronized void finish() {
        flush();
        writeManifest();
        finished = true;
    }

    /** Writes the pending utterances as a shard, then the manifest. */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        int next = shards.stream().mapToInt(ShardFile::number).max().orElse(-1) + 1;
        String name = ShardFile.name(next);
        try {
            ShardFile.write(dir.resolve(name), pending, source.nMels(), source.settingsHash());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        shards.add(name);
        pending.clear();
        writeManifest();
    }

    private void writeManifest() {
        ObjectNode m = source.manifest().deepCopy();
        List<String> items = new ArrayList<>();
        Set<String> have = new HashSet<>(added);
        pending.forEach(u -> have.remove(u.id()));
        double[] frames = new double[have.size()];
        double[] tokens = new double[have.size()];
        double[] seconds = new double[have.size()];
        double frameSeconds = source.audioConfig().frameSeconds();
        for (String id : source.ids()) {
            if (have.contains(id)) {
                int i = items.size();
                items.add(id);
                frames[i] = source.frames(id);
                tokens[i] = source.tokens(id);
                seconds[i] = frames[i] * frameSeconds;
            }
        }
        LengthStats s = LengthStats.of(seconds);
        m.put("utterances", items.size());
        m.put("hours", s.total() / 3600);
        m.set("seconds", JSON.valueToTree(s.toJsonMap()));
        m.set("frames", JSON.valueToTree(LengthStats.of(frames).toJsonMap()));
        m.set("tokens", JSON.valueToTree(LengthStats.of(tokens).toJsonMap()));
        m.set(MELS_KEY, melSource);
        m.put(DERIVED_FROM_KEY, source.dir().toAbsolutePath().normalize().toString());
        m.put(COMPLETE_KEY, items.size() == source.ids().size());
        m.set("shards", JSON.valueToTree(shards));
        m.set("items", JSON.valueToTree(items));
        try {
            CorpusBuilder.writeAtomically(dir.resolve(FeatureCache.MANIFEST),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what was added and not yet written (an interrupted run keeps it), unless finished. */
    @Override
    public synchronized void close() {
        if (!finished) {
            flush();
            finished = true;
        }
    }
}
