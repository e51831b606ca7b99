package io.mytts.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mytts.InvalidInputException;
import io.mytts.audio.WavIO;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.Voice;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
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
                + " DIR/summary.json (per line: duration, real-time factor, alignment score, stop fired).")
final class SynthesizeCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "UTF-8 text, one utterance a line.")
    Path input;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Folder for the WAV files and summary.json.")
    Path outDir;

    @Option(names = "--voice", paramLabel = "DIR", description = "A voice folder; default: the first voice under voices/.")
    Path voice;

    @Mixin
    SynthesisMixin synthesis;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SynthesisOptions options = synthesis.options();
        List<String> lines = readLines(input);
        Files.createDirectories(outDir);
        List<Map<String, Object>> rows = new ArrayList<>();
        double seconds = 0;
        double millis = 0;
        int failed = 0;
        try (Voice v = Voice.load(Voices.require(voice))) {
            Synthesizer synth = synthesis.synthesizer(v);
            int n = 0;
            for (int i = 0; i < lines.size(); i++) {
                String text = lines.get(i).strip();
                if (text.isEmpty()) {
                    continue;
                }
                String file = String.format("%04d.wav", n++);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("file", file);
                row.put("line", i + 1);
                row.put("text", text);
                try {
                    SynthesisResult r = synth.synthesize(text, options);
                    WavIO.write(outDir.resolve(file), r.audio());
                    row.put("duration_s", r.durationSeconds());
                    row.put("real_time_factor", r.realTimeFactor());
                    row.put("time_to_first_audio_ms", r.timeToFirstAudioMillis());
                    row.put("alignment_score", r.minAlignmentScore());
                    row.put("mean_alignment_score", r.meanAlignmentScore());
                    row.put("stop_fired", r.allStopped());
                    row.put("sentences", r.sentences().size());
                    row.put("sentences_with_failures", r.failedSentences());
                    seconds += r.durationSeconds();
                    millis += r.totalMillis();
                    out.printf(Locale.ROOT, "%s: %.2f s, real-time factor %.2f, alignment %.2f%s%n", file,
                            r.durationSeconds(), r.realTimeFactor(), r.minAlignmentScore(),
                            r.allStopped() ? "" : ", cut at the step cap");
                } catch (InvalidInputException e) {
                    row.put("error", e.getMessage());
                    failed++;
                    spec.commandLine().getErr().println("mytts: " + input + " line " + (i + 1) + ": " + e.getMessage());
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

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (MalformedInputException e) {
            throw new InvalidInputException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
