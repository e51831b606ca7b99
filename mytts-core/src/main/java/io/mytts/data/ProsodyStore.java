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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-token durations, pitch and energy kept beside a feature cache ({@code prosody.json} in the
 * cache folder), as {@code mytts durations extract} writes them and a forward model trains on them;
 * and, optionally, pitch and energy per frame ({@link FrameProsody}), for a model that finds its own
 * durations. An utterance's entry has either part or both: {@code durations}, {@code pitch},
 * {@code energy} per token, and {@code frame_pitch} (null where unvoiced), {@code frame_energy}.
 * Files of format version 1 (per-token values only) read as before; a file with frame values is
 * version 2, one without is still written as version 1.
 *
 * <p>The file records the cache's settings hash and, per utterance, its frame and token counts.
 * Reading checks each entry against the cache: one made for another cache (other settings), or
 * whose mel length or token count differs from the cache's, is reported by id and skipped, never
 * used. A forward model then trains only on the utterances that have prosody.
 */
public final class ProsodyStore {

    public static final String FILE = "prosody.json";
    public static final String FORMAT = "mytts-prosody";
    public static final int FORMAT_VERSION = 2;

    /** The version of a file with per-token values only, as every file was before frame values. */
    static final int TOKENS_ONLY_VERSION = 1;

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
     *     teacher-forced cross-attention), {@code mas} (monotonic alignment search) or {@code none}
     *     (no durations: frame values only)
     * @param checkpoint the checkpoint whose attention was read, or null
     * @param checkpointSha256 its SHA-256, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String method, String checkpoint, String checkpointSha256) {}

    /** An entry that the cache does not accept, and why. */
    public record Rejected(String id, String reason) {}

    /** The file's layout. */
    record FileJson(String format, int formatVersion, String settingsHash, Source source,
            Map<String, SpeakerStats> speakers, List<Entry> utterances) {}

    /** One utterance in the file: its per-token part, its per-frame part, or both (absent parts are null). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String id, int frames, int[] durations, float[] pitch, float[] energy, Float[] framePitch,
            float[] frameEnergy) {

        static Entry of(String id, TokenProsody tokens, FrameProsody frames) {
            Float[] framePitch = null;
            if (frames != null) {
                framePitch = new Float[frames.frames()];
                for (int t = 0; t < framePitch.length; t++) {
                    float v = frames.pitch()[t];
                    framePitch[t] = Float.isNaN(v) ? null : v;
                }
            }
            return new Entry(id, tokens != null ? tokens.frames() : frames.frames(),
                    tokens == null ? null : tokens.durations(), tokens == null ? null : tokens.pitch(),
                    tokens == null ? null : tokens.energy(), framePitch, frames == null ? null : frames.energy());
        }

        TokenProsody tokens() {
            return durations == null ? null : new TokenProsody(id, frames, durations, pitch, energy);
        }

        FrameProsody framesPart() {
            if (frameEnergy == null) {
                return null;
            }
            float[] p = new float[framePitch == null ? 0 : framePitch.length];
            for (int t = 0; t < p.length; t++) {
                p[t] = framePitch[t] == null ? Float.NaN : framePitch[t];
            }
            return new FrameProsody(id, p, frameEnergy);
        }
    }

    /** The key of a single-speaker cache's statistics in {@link #speakers()}. */
    public static final String SINGLE_SPEAKER = "";

    private final Path file;
    private final Source source;
    private final Map<String, SpeakerStats> speakers;
    private final Map<String, TokenProsody> utterances;
    private final Map<String, FrameProsody> frames;
    private final List<Rejected> rejected;

    private ProsodyStore(Path file, Source source, Map<String, SpeakerStats> speakers,
            Map<String, TokenProsody> utterances, Map<String, FrameProsody> frames, List<Rejected> rejected) {
        this.file = file;
        this.source = source;
        this.speakers = speakers;
        this.utterances = utterances;
        this.frames = frames;
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
        write(cache, source, speakers, items, List.of());
    }

    /**
     * Writes per-token values {@code tokens} and per-frame values {@code frames} (one entry per id,
     * with whichever parts it has, in the order the ids first appear) for {@code cache}.
     */
    public static void write(FeatureCache cache, Source source, Map<String, SpeakerStats> speakers,
            Collection<TokenProsody> tokens, Collection<FrameProsody> frames) throws IOException {
        Map<String, TokenProsody> byToken = new LinkedHashMap<>();
        tokens.forEach(t -> byToken.put(t.id(), t));
        Map<String, FrameProsody> byFrame = new LinkedHashMap<>();
        frames.forEach(f -> byFrame.put(f.id(), f));
        Set<String> ids = new LinkedHashSet<>(byToken.keySet());
        ids.addAll(byFrame.keySet());
        List<Entry> entries = new ArrayList<>(ids.size());
        for (String id : ids) {
            entries.add(Entry.of(id, byToken.get(id), byFrame.get(id)));
        }
        int version = byFrame.isEmpty() ? TOKENS_ONLY_VERSION : FORMAT_VERSION;
        FileJson json = new FileJson(FORMAT, version, cache.settingsHash(), source, new LinkedHashMap<>(speakers),
                entries);
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
        Map<String, FrameProsody> okFrames = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Entry e : json.utterances()) {
            TokenProsody p;
            FrameProsody f;
            String why;
            try {
                p = e.tokens();
                f = e.framesPart();
                why = p == null && f == null ? "neither durations nor frame values"
                        : mismatch(cache, e.id(), e.frames(), p, f);
            } catch (IllegalArgumentException bad) {
                p = null;
                f = null;
                why = bad.getMessage();
            }
            if (why != null) {
                rejected.add(new Rejected(e.id(), why));
                continue;
            }
            if (!seen.add(e.id())) {
                rejected.add(new Rejected(e.id(), "listed twice; the later entry is used"));
            }
            putOrRemove(ok, e.id(), p);
            putOrRemove(okFrames, e.id(), f);
        }
        for (Rejected r : rejected) {
            LOG.warn("{}: {}: {}; skipped", file.getFileName(), r.id(), r.reason());
        }
        Map<String, SpeakerStats> speakers = json.speakers() == null ? Map.of() : json.speakers();
        return new ProsodyStore(file, json.source(), Collections.unmodifiableMap(new LinkedHashMap<>(speakers)),
                Collections.unmodifiableMap(ok), Collections.unmodifiableMap(okFrames), List.copyOf(rejected));
    }

    private static <T> void putOrRemove(Map<String, T> map, String id, T value) {
        if (value == null) {
            map.remove(id);
        } else {
            map.put(id, value);
        }
    }

    private static String mismatch(FeatureCache cache, String id, int frames, TokenProsody p, FrameProsody f) {
        if (!cache.contains(id)) {
            return "not in the feature cache";
        }
        if (cache.frames(id) != frames) {
            return (p != null ? "durations" : "frame values") + " for " + frames + " mel frames, but the cache has "
                    + cache.frames(id);
        }
        if (p != null && cache.tokens(id) != p.tokens()) {
            return p.tokens() + " durations, but the cache has " + cache.tokens(id) + " tokens";
        }
        if (f != null && f.frames() != frames) {
            return f.frames() + " frame values for " + frames + " mel frames";
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

    /** Ids with usable per-token prosody (durations), in file order. */
    public List<String> ids() {
        return List.copyOf(utterances.keySet());
    }

    /** The per-token prosody (with durations) of {@code id}, if it has one. */
    public Optional<TokenProsody> get(String id) {
        return Optional.ofNullable(utterances.get(id));
    }

    /** How many utterances have per-token prosody. */
    public int size() {
        return utterances.size();
    }

    /** Ids with usable per-frame prosody, in file order. */
    public List<String> frameIds() {
        return List.copyOf(frames.keySet());
    }

    /** The per-frame pitch and energy of {@code id}, if the file has them. */
    public Optional<FrameProsody> frames(String id) {
        return Optional.ofNullable(frames.get(id));
    }

    /** Entries skipped because they do not match the cache. */
    public List<Rejected> rejected() {
        return rejected;
    }
}
