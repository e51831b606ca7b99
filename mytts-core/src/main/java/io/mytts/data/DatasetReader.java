package io.mytts.data;

import io.mytts.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a dataset's list of items: an LJ Speech folder ({@code metadata.csv} and {@code wavs/}) or
 * a plain file list. Lines that cannot be used are reported in {@link Dataset#skipped()}, never fatal.
 *
 * <p>LJ Speech rows are {@code id|text}, {@code id|raw|normalized} or, with a speaker column last,
 * {@code id|text|speaker} and {@code id|raw|normalized|speaker}. Three columns are ambiguous; unless
 * told, the reader takes the third column for a speaker when none of its values holds a space and
 * it repeats (at most half as many distinct values as rows), as speaker names do and transcripts don't.
 */
public final class DatasetReader {

    /** The file of an LJ Speech folder that lists its items. */
    public static final String METADATA = "metadata.csv";
    /** The folder of an LJ Speech dataset that holds its audio. */
    public static final String WAVS = "wavs";

    /** What the third of three LJ Speech columns holds. */
    public enum ThirdColumn { AUTO, NORMALIZED_TEXT, SPEAKER }

    private final ThirdColumn thirdColumn;

    public DatasetReader() {
        this(ThirdColumn.AUTO);
    }

    public DatasetReader(ThirdColumn thirdColumn) {
        this.thirdColumn = thirdColumn;
    }

    /** Reads a folder with {@code metadata.csv} as LJ Speech, a file as a file list. */
    public Dataset read(Path path) {
        if (Files.isDirectory(path)) {
            Path metadata = path.resolve(METADATA);
            if (!Files.isRegularFile(metadata)) {
                throw new InvalidInputException(path + ": not an LJ Speech dataset: it has no " + METADATA
                        + " (lines id|text, audio in " + WAVS + "/ID.wav); pass the dataset folder or a file list");
            }
            return readLjSpeech(path);
        }
        if (Files.isRegularFile(path)) {
            return readFileList(path);
        }
        throw new InvalidInputException(path + ": no such dataset folder or file list");
    }

    /** Reads {@code root/metadata.csv}; audio is {@code root/wavs/ID.wav}. */
    public Dataset readLjSpeech(Path root) {
        Path metadata = root.resolve(METADATA);
        List<String[]> rows = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        readRows(metadata, rows, sources);
        boolean thirdIsSpeaker = thirdColumnIsSpeaker(rows);
        Checker checker = new Checker(skipped);
        for (int i = 0; i < rows.size(); i++) {
            String[] c = rows.get(i);
            String source = sources.get(i);
            String id = c[0].strip();
            if (c.length < 2 || c.length > 4 || id.isEmpty()) {
                skipped.add(new Skipped(source, id, SkipReason.MALFORMED_LINE, "expected id|text, id|raw|normalized"
                        + " or either with a speaker column last, found " + c.length + " column(s)"));
                continue;
            }
            String text;
            String speaker = "";
            if (c.length == 2) {
                text = c[1];
            } else if (c.length == 3 && thirdIsSpeaker) {
                text = c[1];
                speaker = c[2];
            } else {
                text = c[2].isBlank() ? c[1] : c[2];
                speaker = c.length == 4 ? c[3] : "";
            }
            Path audio = root.resolve(WAVS).resolve(id + ".wav");
            checker.add(new Utterance(id, text.strip(), speaker.strip(), audio, source));
        }
        return new Dataset(root, MetadataFormat.LJSPEECH, checker.speakersOnAllOrNone(metadata), skipped);
    }

    /** Reads {@code path|text} or {@code path|text|speaker} lines; the id is the path without {@code .wav}. */
    public Dataset readFileList(Path list) {
        List<String[]> rows = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        readRows(list, rows, sources);
        Path base = list.toAbsolutePath().getParent();
        Checker checker = new Checker(skipped);
        for (int i = 0; i < rows.size(); i++) {
            String[] c = rows.get(i);
            String source = sources.get(i);
            String file = c[0].strip();
            if (c.length < 2 || c.length > 3 || file.isEmpty()) {
                skipped.add(new Skipped(source, "", SkipReason.MALFORMED_LINE,
                        "expected path|text or path|text|speaker, found " + c.length + " column(s)"));
                continue;
            }
            String id = file.endsWith(".wav") ? file.substring(0, file.length() - 4) : file;
            Path audio = base.resolve(file).normalize();
            checker.add(new Utterance(id, c[1].strip(), c.length == 3 ? c[2].strip() : "", audio, source));
        }
        return new Dataset(list, MetadataFormat.FILE_LIST, checker.speakersOnAllOrNone(list), skipped);
    }

    private boolean thirdColumnIsSpeaker(List<String[]> rows) {
        if (thirdColumn != ThirdColumn.AUTO) {
            return thirdColumn == ThirdColumn.SPEAKER;
        }
        Set<String> values = new HashSet<>();
        int threeColumnRows = 0;
        for (String[] c : rows) {
            if (c.length == 3) {
                String v = c[2].strip();
                if (v.isEmpty() || v.chars().anyMatch(Character::isWhitespace)) {
                    return false;
                }
                values.add(v);
                threeColumnRows++;
            }
        }
        return threeColumnRows >= 2 && values.size() * 2 <= threeColumnRows;
    }

    private static void readRows(Path file, List<String[]> rows, List<String> sources) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(file + ": not UTF-8 text; save it as UTF-8 and try again");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = file.getFileName().toString();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            rows.add(line.split("\\|", -1));
            sources.add(name + ":" + (i + 1));
        }
    }

    /** Drops items with empty text and repeats of an id or an audio file, remembering where each was first seen. */
    private static final class Checker {
        final List<Utterance> accepted = new ArrayList<>();
        final List<Skipped> skipped;
        final Map<String, String> ids = new HashMap<>();
        final Map<Path, String> audios = new HashMap<>();

        Checker(List<Skipped> skipped) {
            this.skipped = skipped;
        }

        void add(Utterance u) {
            if (u.text().isEmpty()) {
                skipped.add(new Skipped(u.source(), u.id(), SkipReason.EMPTY_TEXT, "the transcript is empty"));
                return;
            }
            String firstId = ids.get(u.id());
            if (firstId != null) {
                skipped.add(new Skipped(u.source(), u.id(), SkipReason.DUPLICATE, "id already listed at " + firstId));
                return;
            }
            String firstAudio = audios.get(u.audio());
            if (firstAudio != null) {
                skipped.add(new Skipped(u.source(), u.id(), SkipReason.DUPLICATE,
                        "audio " + u.audio().getFileName() + " already listed at " + firstAudio));
                return;
            }
            ids.put(u.id(), u.source());
            audios.put(u.audio(), u.source());
            accepted.add(u);
        }

        /**
         * The accepted items, refused when some name a speaker and others do not: which speaker an
         * unnamed row is cannot be guessed, and a wrong guess would teach the model a wrong voice.
         */
        List<Utterance> speakersOnAllOrNone(Path file) {
            List<Utterance> unnamed = accepted.stream().filter(u -> u.speaker().isEmpty()).toList();
            if (unnamed.isEmpty() || unnamed.size() == accepted.size()) {
                return accepted;
            }
            int shown = Math.min(10, unnamed.size());
            String rows = String.join(", ", unnamed.subList(0, shown).stream()
                    .map(u -> u.source() + " (" + u.id() + ")").toList())
                    + (unnamed.size() > shown ? " and " + (unnamed.size() - shown) + " more" : "");
            throw new InvalidInputException(file + ": " + (accepted.size() - unnamed.size()) + " rows name a speaker"
                    + " but " + unnamed.size() + " do not: " + rows + "; give every row a speaker column (or none)");
        }
    }
}
