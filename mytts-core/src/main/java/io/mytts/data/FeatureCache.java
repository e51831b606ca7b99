package io.mytts.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.config.AudioConfig;
import io.mytts.text.TextSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepared features on disk, as {@code mytts prepare} leaves them: {@code manifest.json}, the
 * symbol table and shard files. Opening reads only the indexes; each utterance is read from disk
 * when asked for, so a cache larger than memory can be streamed. Reads are thread-safe.
 */
public final class FeatureCache implements AutoCloseable {

    public static final String MANIFEST = "manifest.json";
    public static final String SYMBOLS = "symbols.json";

    /** Where one utterance lies, with the lengths batching needs. */
    private record Located(ShardFile shard, ShardFile.Entry entry) {}

    private final Path dir;
    private final JsonNode manifest;
    private final List<ShardFile> shards;
    private final List<String> ids;
    private final Map<String, Located> index;
    private final List<String> speakers;
    private final int nMels;

    private FeatureCache(Path dir, JsonNode manifest, List<ShardFile> shards, List<String> ids,
            Map<String, Located> index, List<String> speakers, int nMels) {
        this.dir = dir;
        this.manifest = manifest;
        this.shards = shards;
        this.ids = ids;
        this.index = index;
        this.speakers = speakers;
        this.nMels = nMels;
    }

    /** Opens a prepared cache folder. */
    public static FeatureCache open(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(dir + ": no prepared features (" + MANIFEST
                    + " missing); run 'mytts prepare --data DATASET' first");
        }
        List<ShardFile> shards = new ArrayList<>();
        try {
            JsonNode manifest = new ObjectMapper().readTree(file.toFile());
            String hash = manifest.path("settings_hash").asText();
            Map<String, Located> latest = new HashMap<>();
            for (JsonNode name : manifest.path("shards")) {
                ShardFile shard = ShardFile.open(dir.resolve(name.asText()));
                shards.add(shard);
                if (!shard.settingsHash().equals(hash)) {
                    throw new InvalidInputException(shard.path() + ": made with other settings than "
                            + MANIFEST + "; run 'mytts prepare' again");
                }
                for (ShardFile.Entry e : shard.entries()) {
                    latest.put(e.id(), new Located(shard, e)); // later shards hold newer versions
                }
            }
            List<String> ids = new ArrayList<>();
            Map<String, Located> index = new HashMap<>();
            for (JsonNode item : manifest.path("items")) {
                String id = item.asText();
                Located where = latest.get(id);
                if (where == null) {
                    throw new InvalidInputException(dir + ": " + id + " is listed but in no shard; run 'mytts prepare' again");
                }
                ids.add(id);
                index.put(id, where);
            }
            List<String> speakers = new ArrayList<>();
            manifest.path("speakers").forEach(s -> speakers.add(s.asText()));
            int nMels = manifest.path("settings").path("audio").path("n_mels").asInt();
            return new FeatureCache(dir, manifest, shards, List.copyOf(ids), index, List.copyOf(speakers), nMels);
        } catch (IOException e) {
            closeAll(shards);
            throw new InvalidInputException(dir + ": unreadable feature cache (" + e.getMessage()
                    + "); delete it and run 'mytts prepare' again", e);
        } catch (RuntimeException e) {
            closeAll(shards);
            throw e;
        }
    }

    private static void closeAll(List<ShardFile> shards) {
        for (ShardFile s : shards) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing after a failure: the first error is the one to report
            }
        }
    }

    /** The prepared ids in dataset order. */
    public List<String> ids() {
        return ids;
    }

    public boolean contains(String id) {
        return index.containsKey(id);
    }

    public int frames(String id) {
        return locate(id).entry().frames();
    }

    public int tokens(String id) {
        return locate(id).entry().tokens();
    }

    public String text(String id) {
        return locate(id).entry().text();
    }

    /** Index of the utterance's speaker in {@link #speakers()}; 0 in a single-speaker cache. */
    public int speakerIndex(String id) {
        int i = speakers.indexOf(locate(id).entry().speaker());
        return Math.max(0, i);
    }

    /** Speaker names, sorted; empty for a single-speaker dataset. */
    public List<String> speakers() {
        return speakers;
    }

    public int nMels() {
        return nMels;
    }

    /** Reads one utterance from disk. */
    public CachedUtterance read(String id) {
        Located l = locate(id);
        try {
            return l.shard().read(l.entry());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hash of the audio and text settings the features were made with. */
    public String settingsHash() {
        return manifest.path("settings_hash").asText();
    }

    /** The hash of the prepared items (ids and their sources), for a checkpoint's provenance. */
    public String dataHash() {
        return manifest.path("data_hash").asText();
    }

    /** How the transcripts were read (tokenizer and language), as feature preparation recorded it. */
    public TextSettings textSettings() {
        JsonNode text = manifest.path("settings").path("text");
        try {
            return TextSettings.fromStrings(text.path("tokenizer").asText(null), text.path("language").asText(TextSettings.AUTO));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(dir.resolve(MANIFEST) + ": settings.text: " + e.getMessage(), e);
        }
    }

    /** The audio settings the features were made with. */
    public AudioConfig audioConfig() {
        return AudioConfig.fromJson(manifest.path("settings").path("audio"));
    }

    public JsonNode manifest() {
        return manifest;
    }

    public Path dir() {
        return dir;
    }

    private Located locate(String id) {
        Located l = index.get(id);
        if (l == null) {
            throw new IllegalArgumentException("not in the feature cache: " + id);
        }
        return l;
    }

    @Override
    public void close() {
        closeAll(shards);
    }
}
