package io.mytts.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mytts.InvalidInputException;
import io.mytts.config.StrictJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-token durations, pitch and energy kept beside a feature cache ({@code prosody.json} in the
 * cache folder), as {@code mytts durations extract} writes them and a forward model trains on them.
 *
 * <p>The file records the cache's settings hash and, per utterance, its frame and token counts.
 * Reading checks each entry against the cache: one made for another cache (other settings), or
 * whose mel length or token count differs from the cache's, is reported by id and skipped, never
 * used. A forward model then trains only on the utterances that have prosody.
 */
public final class ProsodyStore {

    public static final String FILE = "prosody.json";
    public static final String FORMAT = "mytts-prosody";
    public static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ProsodyStore.class);

    /**
     * A speaker's statistics, what normalised pitch and energy are relative to.
     *
     * @param logF0Mean mean natural-log F0 (Hz) over the speaker's voiced frames
     * @param logF0Std its standard deviation: a shift of {@code s} semitones is a z-score shift of
     *     {@code s · ln 2 / 12 / logF0Std}
     * @param energyMean mean log frame energy over the speaker's frames
     * @param energyStd its standard deviation
     */
    public record SpeakerStats(double logF0Mean, double logF0Std, double energyMean, double energyStd) {
        public SpeakerStats {
            if (!(logF0Std > 0) || !(energyStd > 0)) {
                throw new IllegalArgumentException("speaker statistics need positive deviations, got log-F0 std "
                        + logF0Std + " and energy std " + energyStd);
            }
        }

        /** The z-score change of normalised pitch that raises F0 by {@code semitones}. */
        public double pitchShift(double semitones) {
            return semitones * Math.log(2) / 12 / logF0Std;
        }
    }

    /**
     * Where the durations came from.
     *
     * @param method {@code attention} (the most probable monotonic path through a trained model's
     *     teacher-forced cross-attention) or {@code mas} (monotonic alignment search)
     * @param checkpoint the checkpoint whose attention was read, or null
     * @param checkpointSha256 its SHA-256, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String method, String checkpoint, String checkpointSha256) {}

    /** An entry that the cache does not accept, and why. */
    public record Rejected(String id, String reason) {}

    /** The file's layout. */
    record FileJson(String format, int formatVersion, String settingsHash, Source source,
            Map<String, SpeakerStats> speakers, List<TokenProsody> utterances) {}

    /** The key of a single-speaker cache's statistics in {@link #speakers()}. */
    public static final String SINGLE_SPEAKER = "";

    private final Path file;
    private final Source source;
    private final Map<String, SpeakerStats> speakers;
    private final Map<String, TokenProsody> utterances;
    private final List<Rejected> rejected;

    private ProsodyStore(Path file, Source source, Map<String, SpeakerStats> speakers,
            Map<String, TokenProsody> utterances, List<Rejected> rejected) {
        this.file = file;
        this.source = source;
        this.speakers = speakers;
        this.utterances = utterances;
        this.rejected = rejected;
    }

    /** Whether the cache has a prosody file. */
    public static boolean exists(FeatureCache cache) {
        return Files.isRegularFile(cache.dir().resolve(FILE));
    }

    /**
     * Writes the prosody of {@code items} for {@code cache} (replacing any file there), atomically.
     *
     * @param speakers statistics per speaker name ({@link #SINGLE_SPEAKER} in a single-speaker cache)
     */
    public static void write(FeatureCache cache, Source source, Map<String, SpeakerStats> speakers,
            Collection<TokenProsody> items) throws IOException {
        FileJson json = new FileJson(FORMAT, FORMAT_VERSION, cache.settingsHash(), source,
                new LinkedHashMap<>(speakers), new ArrayList<>(items));
        StrictJson.write(json, cache.dir().resolve(FILE));
    }

    /**
     * Reads the cache's prosody file. Entries that do not match the cache are in {@link #rejected()}
     * (and logged), not in the store.
     *
     * @throws InvalidInputException when there is no file, it is unreadable, or it was made for a
     *     cache of other settings
     */
    public static ProsodyStore read(FeatureCache cache) {
        Path file = cache.dir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(cache.dir() + " has no durations (" + FILE + "); run 'mytts durations"
                    + " extract --checkpoint CKPT --data CORPUS' first");
        }
        FileJson json = StrictJson.read(file, FileJson.class);
        if (!FORMAT.equals(json.format()) || json.formatVersion() > FORMAT_VERSION) {
            throw new InvalidInputException(file + ": not a prosody file this version reads (format '"
                    + json.format() + "' version " + json.formatVersion() + ")");
        }
        if (!cache.settingsHash().equals(json.settingsHash())) {
            throw new InvalidInputException(file + ": made for features of other settings than the cache's"
                    + " (it was prepared again since); run 'mytts durations extract' again");
        }
        Map<String, TokenProsody> ok = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        for (TokenProsody p : json.utterances()) {
            String why = mismatch(cache, p);
            if (why != null) {
                rejected.add(new Rejected(p.id(), why));
            } else if (ok.put(p.id(), p) != null) {
                rejected.add(new Rejected(p.id(), "listed twice; the later entry is used"));
            }
        }
        for (Rejected r : rejected) {
            LOG.warn("{}: {}: {}; skipped", file.getFileName(), r.id(), r.reason());
        }
        Map<String, SpeakerStats> speakers = json.speakers() == null ? Map.of() : json.speakers();
        return new ProsodyStore(file, json.source(), Collections.unmodifiableMap(new LinkedHashMap<>(speakers)),
                Collections.unmodifiableMap(ok), List.copyOf(rejected));
    }

    private static String mismatch(FeatureCache cache, TokenProsody p) {
        if (!cache.contains(p.id())) {
            return "not in the feature cache";
        }
        if (cache.frames(p.id()) != p.frames()) {
            return "durations for " + p.frames() + " mel frames, but the cache has " + cache.frames(p.id());
        }
        if (cache.tokens(p.id()) != p.tokens()) {
            return p.tokens() + " durations, but the cache has " + cache.tokens(p.id()) + " tokens";
        }
        return null;
    }

    public Path file() {
        return file;
    }

    public Source source() {
        return source;
    }

    /** Statistics by speaker name ({@link #SINGLE_SPEAKER} in a single-speaker cache). */
    public Map<String, SpeakerStats> speakers() {
        return speakers;
    }

    /** The statistics of {@code speaker}, or of the only speaker. */
    public SpeakerStats stats(String speaker) {
        SpeakerStats s = speakers.get(speaker == null ? SINGLE_SPEAKER : speaker);
        if (s == null && speakers.size() == 1) {
            s = speakers.values().iterator().next();
        }
        if (s == null) {
            throw new InvalidInputException(file + ": no statistics for speaker '" + speaker + "'; it has "
                    + speakers.keySet());
        }
        return s;
    }

    /** Ids with usable prosody, in file order. */
    public List<String> ids() {
        return List.copyOf(utterances.keySet());
    }

    public Optional<TokenProsody> get(String id) {
        return Optional.ofNullable(utterances.get(id));
    }

    public int size() {
        return utterances.size();
    }

    /** Entries skipped because they do not match the cache. */
    public List<Rejected> rejected() {
        return rejected;
    }
}
