package io.mytts.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import io.mytts.monitor.Progress;
import io.mytts.text.Language;
import io.mytts.text.TextFrontEnd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Builds an LJ Speech-format corpus by having teacher voices read transcripts: {@code wavs/ID.wav} at the
 * model's sample rate and {@code metadata.csv} ({@code id|raw|normalized}, with a speaker column when
 * there are several teachers). Without a language the transcripts are taken as already normalized
 * and both columns hold them. With one ({@link Builder#optNormalizeAs}), each transcript is normalised
 * by that language's rules first and the teacher reads the normalised text, so the audio says what
 * the model will read: espeak-ng's Persian voice reads ۳٫۵ as "se virgul panj" and 10:30 as
 * "davâzdah do noqte si", where the normaliser writes "سه و پنج دهم" and "ده و سی دقیقه".
 *
 * <p>Transcripts are taken in file order, leaving out excluded ids and texts longer than the limit,
 * and dealt to the teachers in turn. The work runs on a thread pool (one synthesizer process per
 * thread). Each WAV is written under a temporary name and renamed, so a file that exists is
 * complete: a second run skips them and resumes where the first stopped, and speaks again the items
 * whose text changed since the metadata.csv it left. The settings are kept in
 * {@code corpus.json} (its key {@code voices} lists the teachers, a name kept so that corpora built
 * earlier still resume); resuming with other teachers or another sample rate is refused.
 *
 * <p>With a pitch spread ({@link Builder#optPitchSpread}) each utterance is spoken with its pitch moved
 * by a shift drawn from its id and the seed ({@link PitchShifts}), recorded in {@code pitch-shifts.tsv};
 * the spread, the seed and what was measured about each teacher's pitch go into {@code corpus.json}, and
 * resuming with another spread or seed is refused.
 */
public final class CorpusBuilder {

    /** Settings of a built corpus, beside {@code metadata.csv}. */
    public static final String SETTINGS = "corpus.json";
    private static final String PART = ".part";
    /** A build stops when this many first attempts all failed: the teacher is broken, not one text. */
    private static final int FAILED_START = 4;

    private final List<TeacherVoice> teachers;
    private final Path transcripts;
    private final Path output;
    private final Path excludeIds;
    private final int limit;
    private final int maxChars;
    private final int sampleRate;
    private final int threads;
    private final Progress.Factory progress;
    /** The language whose rules normalise the transcripts before they are read; null: read them as they are. */
    private final Language normalizeAs;
    /** Each utterance's pitch is moved by a shift uniform in ±this many semitones; 0: the teacher's own. */
    private final double pitchSpread;
    /** Seed of the per-utterance pitch shifts. */
    private final long seed;

    private CorpusBuilder(Builder b) {
        teachers = List.copyOf(b.teachers);
        transcripts = b.transcripts;
        output = b.output;
        excludeIds = b.excludeIds;
        limit = b.limit;
        maxChars = b.maxChars;
        sampleRate = b.sampleRate;
        threads = b.threads;
        progress = b.progress;
        normalizeAs = b.normalizeAs;
        pitchSpread = b.pitchSpread;
        seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Refuses a pitch spread out of [0, 12] semitones, so a command line can check it before starting teachers. */
    public static void checkPitchSpread(double semitones) {
        PitchShifts.checkSpread(semitones);
    }

    /**
     * One utterance to speak: the transcript as written ({@code raw}), the text the teacher reads and the
     * semitones its pitch is moved by.
     */
    record Item(String id, String raw, String text, TeacherVoice teacher, double semitones) {}

    /** What a build did. */
    public record Result(int total, int written, int alreadyPresent, List<String> failures, Path metadata) {}

    /** The items the settings select, in order, without touching the output folder. */
    List<Item> plan() {
        Set<String> excluded = excludeIds == null ? Set.of() : readIds(excludeIds);
        List<Item> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        TextFrontEnd frontEnd = normalizeAs == null ? null
                : TextFrontEnd.builder().optLanguage(normalizeAs).optFallbackLanguage(normalizeAs).build();
        for (String line : readLines(transcripts)) {
            if (items.size() >= limit) {
                break;
            }
            String[] c = line.split("\\|", -1);
            if (c.length < 2 || c[0].isBlank()) {
                continue;
            }
            String id = c[0].strip();
            String text = (c[c.length - 1].isBlank() ? c[1] : c[c.length - 1]).strip();
            if (text.isEmpty() || text.length() > maxChars || excluded.contains(id) || !seen.add(id)) {
                continue;
            }
            String spoken = frontEnd == null ? text : frontEnd.normalize(text);
            if (spoken.isEmpty()) {
                continue; // nothing to say once normalised (emoji, symbols only)
            }
            items.add(new Item(id, text, spoken, teachers.get(items.size() % teachers.size()),
                    PitchShifts.semitones(id, seed, pitchSpread)));
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(transcripts + ": no transcript left to speak (lines id|text, at most "
                    + maxChars + " characters, not excluded)");
        }
        return items;
    }

    /** Builds (or completes) the corpus. */
    public Result build() {
        List<Item> items = plan();
        Path wavs = output.resolve(DatasetReader.WAVS);
        try {
            Files.createDirectories(wavs);
            if (pitchSpread > 0) {
                for (TeacherVoice t : teachers) {
                    t.preparePitchShift(pitchSpread);
                }
            }
            checkSettings();
            deleteParts(wavs);
            deleteRetexted(items, wavs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicInteger written = new AtomicInteger();
        AtomicInteger present = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Progress bar = progress.start("corpus", items.size());
        ExecutorService pool = WorkerPools.daemon(threads, "corpus-builder");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Item item : items) {
                futures.add(pool.submit(() -> {
                    Path wav = wavs.resolve(item.id() + ".wav");
                    if (Files.exists(wav)) {
                        present.incrementAndGet();
                    } else {
                        int attempt = attempts.incrementAndGet();
                        try {
                            speak(item, wav);
                            written.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(item.id() + " (" + item.teacher().spec() + "): " + e.getMessage());
                            if (attempt <= FAILED_START && failures.size() >= FAILED_START
                                    && written.get() == 0) {
                                throw new InvalidInputException("corpus build stopped: the first " + FAILED_START
                                        + " utterances all failed; first error: " + failures.get(0));
                            }
                        }
                    }
                    bar.step();
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw WorkerPools.unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("corpus build interrupted; run it again to resume", e);
        } finally {
            pool.shutdownNow();
            bar.close();
        }
        Path metadata = writeMetadata(items, wavs);
        List<String> sorted = new ArrayList<>(failures);
        Collections.sort(sorted);
        return new Result(items.size(), written.get(), present.get(), sorted, metadata);
    }

    private void speak(Item item, Path wav) {
        AudioClip clip = item.teacher().speak(item.text(), item.semitones()).resampledTo(sampleRate);
        Path part = wav.resolveSibling(wav.getFileName() + PART);
        WavIO.write(part, clip);
        try {
            Files.move(part, wav, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes metadata.csv for the items whose audio exists, in plan order. */
    private Path writeMetadata(List<Item> items, Path wavs) {
        boolean multi = teachers.size() > 1;
        StringBuilder sb = new StringBuilder();
        for (Item item : items) {
            if (Files.exists(wavs.resolve(item.id() + ".wav"))) {
                sb.append(item.id()).append('|').append(item.raw()).append('|').append(item.text());
                if (multi) {
                    sb.append('|').append(item.teacher().speakerName());
                }
                sb.append('\n');
            }
        }
        Path metadata = output.resolve(DatasetReader.METADATA);
        writeAtomically(metadata, sb.toString());
        if (pitchSpread > 0) {
            writePitchShifts(items, wavs);
        }
        return metadata;
    }

    /** Writes pitch-shifts.tsv, the semitones each utterance whose audio exists was moved by. */
    private void writePitchShifts(List<Item> items, Path wavs) {
        StringBuilder sb = new StringBuilder("id\tsemitones\n");
        for (Item item : items) {
            if (Files.exists(wavs.resolve(item.id() + ".wav"))) {
                sb.append(item.id()).append('\t')
                        .append(String.format(java.util.Locale.ROOT, "%.4f", item.semitones())).append('\n');
            }
        }
        writeAtomically(output.resolve(PitchShifts.FILE), sb.toString());
    }

    /** Records the settings, or refuses to mix a corpus built with other teachers or rate. */
    private void checkSettings() throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("voices", teachers.stream().map(TeacherVoice::spec).toList());
        settings.put("sample_rate", sampleRate);
        settings.put("transcripts", transcripts.toAbsolutePath().toString());
        settings.put("max_chars", maxChars);
        settings.put("limit", limit);
        settings.put("normalize_as", normalizeAs == null ? "" : normalizeAs.code());
        settings.put("pitch_spread", pitchSpread);
        settings.put("seed", seed);
        if (pitchSpread > 0) {
            Map<String, Object> calibration = new LinkedHashMap<>();
            teachers.forEach(t -> calibration.put(t.spec(), t.pitchCalibration()));
            settings.put("pitch_calibration", calibration);
        }
        ObjectMapper json = new ObjectMapper();
        Path file = output.resolve(SETTINGS);
        if (Files.exists(file)) {
            JsonNode old = json.readTree(file.toFile());
            List<String> oldVoices = new ArrayList<>();
            old.path("voices").forEach(v -> oldVoices.add(v.asText()));
            int oldRate = old.path("sample_rate").asInt();
            String oldNormalizeAs = old.path("normalize_as").asText("");
            if (!oldNormalizeAs.equals(settings.get("normalize_as"))) {
                throw new InvalidInputException(output + " holds a corpus whose transcripts were "
                        + (oldNormalizeAs.isEmpty() ? "read as written" : "normalised as " + oldNormalizeAs)
                        + "; resuming it " + (normalizeAs == null ? "reading them as written"
                        : "normalising them as " + normalizeAs.code())
                        + " would mix two readings: give the same --lang, or use another --out folder");
            }
            // corpora built before the pitch spread have no key: the teachers' own pitch
            double oldSpread = old.path("pitch_spread").asDouble(0);
            long oldSeed = old.path("seed").asLong(0);
            if (oldSpread != pitchSpread || (pitchSpread > 0 && oldSeed != seed)) {
                throw new InvalidInputException(output + " holds a corpus built with " + pitchOptions(oldSpread, oldSeed)
                        + "; resuming it with " + pitchOptions(pitchSpread, seed) + " would mix two sets of pitch"
                        + " shifts: give the same options, or use another --out folder");
            }
            if (!oldVoices.equals(settings.get("voices")) || oldRate != sampleRate) {
                throw new InvalidInputException(output + " holds a corpus of " + String.join(",", oldVoices) + " at "
                        + oldRate + " Hz; resuming it with " + settings.get("voices") + " at " + sampleRate
                        + " Hz would mix them: use another --out folder");
            }
        }
        writeAtomically(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(settings) + "\n");
    }

    private static String pitchOptions(double spread, long seed) {
        return spread == 0 ? "--pitch-spread 0" : "--pitch-spread " + spread + " --seed " + seed;
    }

    /**
     * Deletes the audio of items whose text changed since the last build (a transcript edited before
     * resuming), as the metadata.csv that build wrote says, so that they are spoken again rather
     * than kept with audio that says the old text.
     */
    private void deleteRetexted(List<Item> items, Path wavs) throws IOException {
        Path metadata = output.resolve(DatasetReader.METADATA);
        if (!Files.exists(metadata)) {
            return;
        }
        Map<String, String> spoken = new HashMap<>();
        for (String line : readLines(metadata)) {
            String[] c = line.split("\\|", -1);
            if (c.length >= 3) {
                spoken.put(c[0], c[2]);
            }
        }
        for (Item item : items) {
            String before = spoken.get(item.id());
            if (before != null && !before.equals(item.text())) {
                Files.deleteIfExists(wavs.resolve(item.id() + ".wav"));
            }
        }
    }

    private static void deleteParts(Path wavs) throws IOException {
        try (Stream<Path> s = Files.list(wavs)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(PART)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void writeAtomically(Path file, String content) {
        Path tmp = file.resolveSibling(file.getFileName() + PART);
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read as UTF-8 text (" + e.getMessage() + ")");
        }
    }

    /** Ids one a line; a line {@code id|...} counts by its first column. */
    static Set<String> readIds(Path file) {
        Set<String> ids = new HashSet<>();
        for (String line : readLines(file)) {
            String id = line.split("\\|", 2)[0].strip();
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Options of a corpus build: teachers, transcripts and output are required. */
    public static final class Builder {
        private List<TeacherVoice> teachers = List.of();
        private Path transcripts;
        private Path output;
        private Path excludeIds;
        private int limit = Integer.MAX_VALUE;
        private int maxChars = Integer.MAX_VALUE;
        private int sampleRate = 22050;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Progress.Factory progress = Progress.Factory.NONE;
        private Language normalizeAs;
        private double pitchSpread;
        private long seed;

        private Builder() {}

        public Builder setTeachers(List<? extends TeacherVoice> v) { teachers = List.copyOf(v); return this; }
        public Builder setTranscripts(Path v) { transcripts = v; return this; }
        public Builder setOutput(Path v) { output = v; return this; }
        public Builder optExcludeIds(Path v) { excludeIds = v; return this; }
        public Builder optLimit(int v) { limit = v; return this; }
        public Builder optMaxChars(int v) { maxChars = v; return this; }
        public Builder optSampleRate(int v) { sampleRate = v; return this; }
        public Builder optThreads(int v) { threads = v; return this; }
        public Builder optProgress(Progress.Factory v) { progress = v; return this; }
        /** Normalises the transcripts by this language's rules before the teachers read them (default: as written). */
        public Builder optNormalizeAs(Language v) { normalizeAs = v; return this; }
        /** Moves each utterance's pitch by a seeded shift uniform in ±v semitones (default 0: the teacher's own). */
        public Builder optPitchSpread(double v) { pitchSpread = v; return this; }
        /** Seed of the per-utterance pitch shifts (default 0). */
        public Builder optSeed(long v) { seed = v; return this; }

        public CorpusBuilder build() {
            List<String> problems = new ArrayList<>();
            if (teachers.isEmpty()) {
                problems.add("no teacher voice given");
            }
            if (transcripts == null) {
                problems.add("no transcripts file given");
            }
            if (output == null) {
                problems.add("no output folder given");
            }
            if (limit <= 0) {
                problems.add("limit must be positive, not " + limit);
            }
            if (maxChars <= 0) {
                problems.add("max chars must be positive, not " + maxChars);
            }
            if (sampleRate <= 0) {
                problems.add("sample rate must be positive, not " + sampleRate);
            }
            if (threads <= 0) {
                problems.add("threads must be positive, not " + threads);
            }
            try {
                PitchShifts.checkSpread(pitchSpread);
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
            Set<String> specs = new HashSet<>();
            for (TeacherVoice v : teachers) {
                if (!specs.add(v.spec())) {
                    problems.add("teacher " + v.spec() + " is listed twice");
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException("corpus build: " + String.join("; ", problems));
            }
            return new CorpusBuilder(this);
        }
    }
}
