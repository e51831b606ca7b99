package io.mytts.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mytts.InvalidInputException;
import io.mytts.ssml.SsmlDocument;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.Voice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mytts synthesize --input FILE --out-dir DIR}: one WAV per line and a summary. */
@Command(name = "synthesize", mixinStandardHelpOptions = true,
        description = "Speak each non-blank line of a text file into DIR/0000.wav, 0001.wav, ... and write"
                + " DIR/summary.json (per line: duration, real-time factor, alignment score, stop fired). Lines are"
                + " read one at a time and each WAV is written sentence by sentence, so input and lines of any"
                + " length run in flat memory.")
final class SynthesizeCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "UTF-8 text, one utterance a line; '-' reads standard input.")
    Path input;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Folder for the WAV files and summary.json.")
    Path outDir;

    @Option(names = "--voice", paramLabel = "DIR", description = "A voice folder; default: the first voice under voices/.")
    Path voice;

    @Option(names = "--ssml", description = "The whole input is one SSML document, spoken into DIR/0000.wav (see docs/ssml.md).")
    boolean ssml;

    @Option(names = "--timestamps", paramLabel = "FORMAT",
            description = "Also write when each sentence, word and SSML mark is said beside each WAV: vtt (WebVTT"
                    + " subtitles, DIR/0000.vtt) or json (DIR/0000.json).")
    String timestamps;

    @Mixin
    SynthesisMixin synthesis;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String timestampSuffix = timestampSuffix();
        // Each sentence's result and times only for --timestamps: a line of any length in flat memory.
        SynthesisOptions options = synthesis.options().toBuilder().optKeepSentences(timestampSuffix != null).build();
        List<Map<String, Object>> rows = new ArrayList<>();
        double seconds = 0;
        double millis = 0;
        int failed = 0;
        try (BufferedReader lines = open(input); Voice v = Voice.load(Voices.require(voice))) {
            Files.createDirectories(outDir);
            Synthesizer synth = synthesis.synthesizer(v);
            int n = 0;
            int lineNumber = 0;
            for (String line = ssml ? readAll(lines) : readLine(lines); line != null;
                    line = ssml ? null : readLine(lines)) {
                lineNumber++;
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                String name = String.format("%04d", n++);
                String file = name + ".wav";
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("file", file);
                row.put("line", lineNumber);
                row.put("text", text.length() <= 1000 ? text : text.substring(0, 1000) + "...");
                try {
                    SsmlDocument document = SpeechOutput.document(text, ssml, v);
                    SynthesisResult r = SpeechOutput.speakInto(outDir.resolve(file), synth, document, options);
                    SpeechOutput.printWarnings(r, spec.commandLine().getErr());
                    if (timestampSuffix != null) {
                        SpeechOutput.writeTimestamps(outDir.resolve(name + timestampSuffix), r.timeline());
                    }
                    row.put("duration_s", r.durationSeconds());
                    row.put("real_time_factor", r.realTimeFactor());
                    row.put("time_to_first_audio_ms", r.timeToFirstAudioMillis());
                    row.put("alignment_score", r.minAlignmentScore());
                    row.put("mean_alignment_score", r.meanAlignmentScore());
                    row.put("stop_fired", r.allStopped());
                    row.put("sentences", r.sentenceCount());
                    row.put("sentences_with_failures", r.failedSentences());
                    row.put("sentences_repaired", r.repairedSentences());
                    seconds += r.durationSeconds();
                    millis += r.totalMillis();
                    out.printf(Locale.ROOT, "%s: %.2f s, real-time factor %.2f, alignment %.2f%s%n", file,
                            r.durationSeconds(), r.realTimeFactor(), r.minAlignmentScore(),
                            r.allStopped() ? "" : ", cut at the step cap");
                } catch (InvalidInputException e) {
                    Files.deleteIfExists(outDir.resolve(file));
                    row.put("error", e.getMessage());
                    failed++;
                    spec.commandLine().getErr().println("mytts: " + input + " line " + lineNumber + ": " + e.getMessage());
                }
                rows.add(row);
            }
            Map<String, Object> totals = new LinkedHashMap<>();
            totals.put("lines", rows.size());
            totals.put("failed", failed);
            totals.put("duration_s", seconds);
            totals.put("real_time_factor", seconds == 0 ? null : millis / 1000 / seconds);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("voice", v.name());
            summary.put("input", input.toString());
            summary.put("totals", totals);
            summary.put("lines", rows);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(outDir.resolve("summary.json").toFile(), summary);
        }
        out.printf(Locale.ROOT, "%s: %d WAV file(s), %.1f s of speech; summary in %s%n", outDir, rows.size() - failed,
                seconds, outDir.resolve("summary.json"));
        return failed == 0 ? 0 : ErrorHandler.BAD_INPUT;
    }

    private String timestampSuffix() {
        if (timestamps == null) {
            return null;
        }
        return switch (timestamps.trim().toLowerCase(Locale.ROOT)) {
            case "vtt", "webvtt" -> ".vtt";
            case "json" -> ".json";
            default -> throw new InvalidInputException("--timestamps takes vtt or json, not '" + timestamps + "'");
        };
    }

    /** The input, or standard input for '-', read as strict UTF-8. */
    private static BufferedReader open(Path file) {
        if (file.toString().equals(SpeechOutput.STDIN)) {
            return SpeechOutput.stdinReader();
        }
        try {
            return SpeechOutput.reader(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(input + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + input + " failed", e);
        }
    }

    private String readAll(BufferedReader r) {
        StringBuilder all = new StringBuilder();
        for (String line = readLine(r); line != null; line = readLine(r)) {
            all.append(line).append('\n');
        }
        return all.toString();
    }
}
