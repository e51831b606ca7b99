package io.mytts.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.audio.MelSpectrogram;
import io.mytts.config.AudioConfig;
import io.mytts.monitor.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Computes log-mels and token ids of a dataset once, into a {@link FeatureCache} folder.
 *
 * <p>Incremental: utterances already in the cache with the same source (audio file size and time,
 * text, speaker) are kept; new or changed ones are computed, in parallel, into new shard files of
 * up to {@code shardSize} utterances, each written under a temporary name and renamed, so an
 * interrupted run loses at most the shards in progress. When the settings hash (audio and text
 * front ends, length limit) differs from the cache's, the old shards are deleted and everything is
 * computed again: features made under different settings are never mixed. The run ends with a
 * {@link ValidationReport} and a new {@code manifest.json}.
 */
public final class FeaturePreparer {

    private final Dataset dataset;
    private final Path cacheDir;
    private final AudioConfig audio;
    private final TextEncoder text;
    private final int maxFrames;
    private final int shardSize;
    private final int threads;
    private final Progress.Factory progress;

    private FeaturePreparer(Builder b) {
        dataset = b.dataset;
        cacheDir = b.cacheDir;
        audio = b.audio;
        text = b.text;
        maxFrames = b.maxFrames;
        shardSize = b.shardSize;
        threads = b.threads;
        progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What a run did.
     *
     * @param report what was kept and skipped, with lengths
     * @param computed utterances whose features were computed in this run
     * @param reused utterances taken from the cache as they were
     * @param invalidated whether an existing cache made with other settings was thrown away
     * @param elapsed wall-clock time of the run
     */
    public record Result(ValidationReport report, int computed, int reused, boolean invalidated, Duration elapsed,
            Path cacheDir) {}

    /** One utterance's outcome in a worker: its index entry (kept) or why it was skipped. */
    private record Outcome(Utterance utterance, ShardFile.Entry entry, Skipped skipped, boolean resampled) {}

    public Result prepare() {
        long start = System.nanoTime();
        FeatureSettings settings = new FeatureSettings(audio, text.settings(), maxFrames);
        String hash = settings.hash();
        try {
            Files.createDirectories(cacheDir);
            boolean invalidated = dropOtherSettings(hash);
            Map<String, ShardFile.Entry> cached = new HashMap<>();
            Map<String, String> shardOf = new HashMap<>();
            List<String> shardNames = existingShards(hash, cached, shardOf);
            List<Utterance> pending = new ArrayList<>();
            Map<String, Outcome> outcomes = new HashMap<>();
            Map<String, Long> fingerprints = new HashMap<>();
            for (Utterance u : dataset.utterances()) {
                long fp = fingerprint(u);
                fingerprints.put(u.id(), fp);
                ShardFile.Entry e = cached.get(u.id());
                if (e != null && e.fingerprint() == fp) {
                    outcomes.put(u.id(), new Outcome(u, e, null, false));
                } else {
                    pending.add(u);
                }
            }
            int reused = outcomes.size();
            java.util.Set<String> reusedIds = new java.util.HashSet<>(outcomes.keySet());
            int next = shardNames.stream().mapToInt(ShardFile::number).max().orElse(-1) + 1;
            List<String> newShards = compute(pending, hash, next, outcomes);
            shardNames = dropUnused(shardNames, reusedIds, shardOf);
            shardNames.addAll(newShards);
            ValidationReport report = writeManifest(settings, hash, shardNames, outcomes, fingerprints);
            text.saveSymbols(cacheDir.resolve(FeatureCache.SYMBOLS));
            return new Result(report, pending.size() - (int) outcomes.values().stream()
                    .filter(o -> o.skipped() != null).count(), reused, invalidated,
                    Duration.ofNanos(System.nanoTime() - start), cacheDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the cache's files when they were made with other settings; true if it did. */
    private boolean dropOtherSettings(String hash) throws IOException {
        Path manifest = cacheDir.resolve(FeatureCache.MANIFEST);
        boolean stale = false;
        if (Files.exists(manifest)) {
            String old = new ObjectMapper().readTree(manifest.toFile()).path("settings_hash").asText();
            stale = !old.equals(hash);
        }
        if (stale) {
            Files.delete(manifest);
            for (Path p : listShards()) {
                Files.deleteIfExists(p);
            }
        }
        return stale;
    }

    /** Opens the shards left by earlier runs (deleting leftovers and ones of other settings) and indexes them. */
    private List<String> existingShards(String hash, Map<String, ShardFile.Entry> cached, Map<String, String> shardOf)
            throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(cacheDir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(ShardFile.SUFFIX + ".tmp")).toList()) {
                Files.deleteIfExists(p); // interrupted while writing
            }
        }
        for (Path p : listShards()) {
            boolean keep;
            try (ShardFile shard = ShardFile.open(p)) {
                keep = shard.settingsHash().equals(hash) && shard.nMels() == audio.nMels();
                if (keep) {
                    for (ShardFile.Entry e : shard.entries()) {
                        cached.put(e.id(), e); // later shards hold newer versions
                        shardOf.put(e.id(), p.getFileName().toString());
                    }
                }
            } catch (IOException e) {
                keep = false;
            }
            if (keep) {
                names.add(p.getFileName().toString());
            } else {
                Files.deleteIfExists(p);
            }
        }
        return names;
    }

    /**
     * Keeps the old shards that still hold a reused utterance and deletes the rest (all their items
     * were removed from the dataset or computed again), so the cache does not grow with every edit.
     */
    private List<String> dropUnused(List<String> shards, java.util.Set<String> reusedIds, Map<String, String> shardOf)
            throws IOException {
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String id : reusedIds) {
            String shard = shardOf.get(id);
            if (shard != null) {
                used.add(shard);
            }
        }
        List<String> kept = new ArrayList<>();
        for (String name : shards) {
            if (used.contains(name)) {
                kept.add(name);
            } else {
                Files.deleteIfExists(cacheDir.resolve(name));
            }
        }
        return kept;
    }

    private List<Path> listShards() throws IOException {
        try (Stream<Path> s = Files.list(cacheDir)) {
            return s.filter(p -> ShardFile.isShardName(p.getFileName().toString()))
                    .sorted(Comparator.comparingInt(p -> ShardFile.number(p.getFileName().toString()))).toList();
        }
    }

    /** Computes the pending utterances, one shard a task; returns the names of the shards written. */
    private List<String> compute(List<Utterance> pending, String hash, int firstShard, Map<String, Outcome> outcomes) {
        if (pending.isEmpty()) {
            return new ArrayList<>();
        }
        MelSpectrogram mel = new MelSpectrogram(audio);
        UtteranceLoader loader = new UtteranceLoader(audio, maxFrames);
        ExecutorService pool = WorkerPools.daemon(threads, "prepare");
        List<Future<List<Outcome>>> futures = new ArrayList<>();
        List<String> written = new ArrayList<>();
        // Smaller shards when there is little to do, so every thread gets work.
        int size = Math.max(1, Math.min(shardSize, (pending.size() + threads - 1) / threads));
        try (Progress bar = progress.start("prepare", pending.size())) {
            for (int start = 0, n = firstShard; start < pending.size(); start += size, n++) {
                List<Utterance> group = pending.subList(start, Math.min(pending.size(), start + size));
                Path file = cacheDir.resolve(ShardFile.name(n));
                futures.add(pool.submit(() -> computeShard(group, file, hash, mel, loader, bar)));
            }
            for (int i = 0; i < futures.size(); i++) {
                boolean any = false;
                for (Outcome o : futures.get(i).get()) {
                    outcomes.put(o.utterance().id(), o);
                    any |= o.entry() != null;
                }
                if (any) { // a shard whose items were all skipped is not written
                    written.add(ShardFile.name(firstShard + i));
                }
            }
        } catch (ExecutionException e) {
            throw WorkerPools.unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("prepare interrupted; run it again to continue", e);
        } finally {
            pool.shutdownNow();
        }
        return written;
    }

    private List<Outcome> computeShard(List<Utterance> group, Path file, String hash, MelSpectrogram mel,
            UtteranceLoader loader, Progress bar) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        List<CachedUtterance> items = new ArrayList<>();
        List<int[]> tokens = encodeAll(group);
        for (int i = 0; i < group.size(); i++) {
            outcomes.add(computeOne(group.get(i), tokens == null ? null : tokens.get(i), mel, loader, items));
            bar.step();
        }
        if (!items.isEmpty()) {
            ShardFile.write(file, items, audio.nMels(), hash);
        }
        return outcomes;
    }

    /** The group's token ids in one call, or null when that fails (each is then encoded alone, to find the culprit). */
    private List<int[]> encodeAll(List<Utterance> group) {
        try {
            return text.encodeAll(group.stream().map(Utterance::text).toList());
        } catch (InvalidInputException | IllegalArgumentException e) {
            return null;
        }
    }

    private Outcome computeOne(Utterance u, int[] encoded, MelSpectrogram mel, UtteranceLoader loader,
            List<CachedUtterance> items) {
        int[] tokens = encoded;
        if (tokens == null) {
            try {
                tokens = text.encode(u.text());
            } catch (InvalidInputException | IllegalArgumentException e) {
                return new Outcome(u, null, new Skipped(u.source(), u.id(), SkipReason.UNSPEAKABLE_TEXT,
                        e.getMessage()), false);
            }
        }
        if (tokens.length == 0) {
            return new Outcome(u, null, new Skipped(u.source(), u.id(), SkipReason.UNSPEAKABLE_TEXT,
                    "no tokens in '" + u.text() + "'"), false);
        }
        UtteranceLoader.Loaded loaded = loader.load(u);
        if (!loaded.ok()) {
            return new Outcome(u, null, loaded.skipped(), false);
        }
        float[][] m = mel.compute(loaded.samples());
        CachedUtterance c = new CachedUtterance(u.id(), u.speaker(), u.text(), fingerprint(u), tokens, m);
        items.add(c);
        // The offset is only known inside the shard; the manifest needs the lengths.
        ShardFile.Entry e = new ShardFile.Entry(u.id(), u.speaker(), u.text(), c.fingerprint(), tokens.length, m.length, -1);
        return new Outcome(u, e, null, loaded.resampled());
    }

    private ValidationReport writeManifest(FeatureSettings settings, String hash, List<String> shards,
            Map<String, Outcome> outcomes, Map<String, Long> fingerprints) throws IOException {
        List<String> items = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>(dataset.skipped());
        List<Double> frames = new ArrayList<>();
        List<Double> tokens = new ArrayList<>();
        java.util.TreeSet<String> speakers = new java.util.TreeSet<>();
        int resampled = 0;
        StringBuilder data = new StringBuilder();
        for (Utterance u : dataset.utterances()) {
            Outcome o = outcomes.get(u.id());
            if (o.skipped() != null) {
                skipped.add(o.skipped());
                continue;
            }
            items.add(u.id());
            frames.add((double) o.entry().frames());
            tokens.add((double) o.entry().tokens());
            resampled += o.resampled() ? 1 : 0;
            if (!u.speaker().isEmpty()) {
                speakers.add(u.speaker());
            }
            data.append(u.id()).append('\t').append(fingerprints.get(u.id())).append('\n');
        }
        skipped.sort(Comparator.comparingInt(s -> DatasetValidator.lineOf(s.source())));
        double[] f = frames.stream().mapToDouble(Double::doubleValue).toArray();
        double[] seconds = frames.stream().mapToDouble(x -> x * audio.frameSeconds()).toArray();
        ValidationReport report = new ValidationReport(dataset.size() + dataset.skipped().size(), items.size(),
                resampled, skipped, LengthStats.of(seconds), LengthStats.of(f),
                LengthStats.of(tokens.stream().mapToDouble(Double::doubleValue).toArray()));

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("settings_hash", hash);
        m.put("settings", settings.toJsonMap());
        m.put("dataset", dataset.root().toAbsolutePath().toString());
        m.put("data_hash", sha256(data.toString()));
        m.put("utterances", items.size());
        m.put("listed", report.listed());
        m.put("hours", report.hours());
        Map<String, Object> skippedCounts = new LinkedHashMap<>();
        report.skippedByReason().forEach((r, n) -> skippedCounts.put(r.name().toLowerCase(java.util.Locale.ROOT), n));
        m.put("skipped", skippedCounts);
        m.put("seconds", report.seconds().toJsonMap());
        m.put("frames", report.frames().toJsonMap());
        m.put("tokens", report.tokens().toJsonMap());
        m.put("speakers", List.copyOf(speakers));
        m.put("shards", shards);
        m.put("skipped_items", skipped.stream().map(Skipped::message).toList());
        m.put("items", items);
        CorpusBuilder.writeAtomically(cacheDir.resolve(FeatureCache.MANIFEST),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n");
        return report;
    }

    /** Changes when the audio file is replaced or the transcript or speaker edited. */
    static long fingerprint(Utterance u) {
        long size = -1;
        long time = -1;
        try {
            size = Files.size(u.audio());
            time = Files.getLastModifiedTime(u.audio()).toMillis();
        } catch (IOException e) {
            // missing audio: it will be skipped, and found again when it appears
        }
        String key = size + "\u0000" + time + "\u0000" + u.text() + "\u0000" + u.speaker();
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options: dataset, cache folder and text encoder are required. */
    public static final class Builder {
        private Dataset dataset;
        private Path cacheDir;
        private AudioConfig audio = AudioConfig.DEFAULT;
        private TextEncoder text;
        private int maxFrames = 1000;
        private int shardSize = 256;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Progress.Factory progress = Progress.Factory.NONE;

        private Builder() {}

        public Builder setDataset(Dataset v) { dataset = v; return this; }
        public Builder setCacheDir(Path v) { cacheDir = v; return this; }
        public Builder setTextEncoder(TextEncoder v) { text = v; return this; }
        public Builder optAudioConfig(AudioConfig v) { audio = v; return this; }
        public Builder optMaxFrames(int v) { maxFrames = v; return this; }
        public Builder optShardSize(int v) { shardSize = v; return this; }
        public Builder optThreads(int v) { threads = v; return this; }
        public Builder optProgress(Progress.Factory v) { progress = v; return this; }

        public FeaturePreparer build() {
            List<String> problems = new ArrayList<>();
            if (dataset == null) {
                problems.add("no dataset given");
            }
            if (cacheDir == null) {
                problems.add("no cache folder given");
            }
            if (text == null) {
                problems.add("no text encoder given");
            }
            if (maxFrames <= 0 || shardSize <= 0 || threads <= 0) {
                problems.add("max frames, shard size and threads must be positive");
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException("prepare: " + String.join("; ", problems));
            }
            return new FeaturePreparer(this);
        }
    }
}
