package io.mytts.spark;

import io.mytts.InvalidInputException;
import io.mytts.audio.WavIO;
import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Synthesizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One task's work: speaks its partition's rows one at a time, as Spark asks for them, with the
 * executor's shared synthesizer. Serialized to the executors with the task.
 */
final class PartitionSynthesizer implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    /** Where the input columns are; -1 for an optional column that is absent. */
    record Columns(int id, int text, int voice, int speaker) implements java.io.Serializable {}

    private final Columns at;
    private final String defaultVoice;
    private final long seed;
    private final double temperature;
    private final WavFolder folder;

    PartitionSynthesizer(Columns at, String defaultVoice, long seed, double temperature, WavFolder folder) {
        this.at = at;
        this.defaultVoice = defaultVoice;
        this.seed = seed;
        this.temperature = temperature;
        this.folder = folder;
    }

    static SynthesisOptions options(long seed, double temperature) {
        return SynthesisOptions.builder().optSeed(seed).optTemperature(temperature).build();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ExecutorVoices.prepareTaskThread();
        SynthesisOptions options = options(seed, temperature);
        WavFolder.Writer writer = folder == null ? null : folder.open();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                return speak(rows.next(), options, writer);
            }
        };
    }

    private Row speak(Row in, SynthesisOptions options, WavFolder.Writer writer) {
        String id = string(in, at.id());
        String text = string(in, at.text());
        String rowVoice = string(in, at.voice());
        String voice = rowVoice == null || rowVoice.isBlank() ? defaultVoice : rowVoice;
        String speaker = string(in, at.speaker());
        try {
            if (id == null || id.isBlank()) {
                throw new InvalidInputException("the row has no id; every row needs one (it names the WAV file)");
            }
            Synthesizer synth = ExecutorVoices.get(voice);
            checkSpeaker(speaker, synth.voice().name());
            SynthesisResult r = synth.synthesize(text, options);
            byte[] wav = WavIO.toBytes(r.audio());
            String path = writer == null ? null : writer.write(id, wav);
            return RowFactory.create(id, text, voice, speaker, writer == null ? wav : null, path,
                    r.audio().sampleRate(), r.durationSeconds(), r.realTimeFactor(), r.sentences().size(),
                    r.minAlignmentScore(), warnings(r), null);
        } catch (InvalidInputException e) {
            return RowFactory.create(id, text, voice, speaker, null, null, null, null, null, null, null, null,
                    e.getMessage());
        }
    }

    /** The voices of this version have one speaker: the row may name it, or no one. */
    private static void checkSpeaker(String speaker, String voiceName) {
        if (speaker != null && !speaker.isBlank() && !speaker.strip().equalsIgnoreCase(voiceName)) {
            throw new InvalidInputException("unknown speaker '" + speaker + "': voice " + voiceName
                    + " has one speaker, '" + voiceName + "'; leave the speaker column empty or name that one");
        }
    }

    /** One line per flagged sentence: "sentence 2: skipped tokens [4]; stop never fired". */
    private static String[] warnings(SynthesisResult r) {
        List<String> out = new ArrayList<>();
        for (SentenceResult s : r.sentences()) {
            if (s.failures().any() || s.hitStepCap()) {
                String what = s.failures().any() ? s.failures().summary() : "";
                if (s.hitStepCap()) {
                    what += (what.isEmpty() ? "" : "; ") + "cut at the step cap of " + s.stepCap() + " steps";
                }
                out.add("sentence " + (s.index() + 1) + ": " + what);
            }
        }
        return out.toArray(String[]::new);
    }

    private static String string(Row row, int index) {
        if (index < 0 || row.isNullAt(index)) {
            return null;
        }
        return String.valueOf(row.get(index));
    }
}
