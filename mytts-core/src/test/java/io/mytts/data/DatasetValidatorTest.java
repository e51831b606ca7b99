package io.mytts.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny flite + espeak-ng corpus with one bad item of each kind appended. */
class DatasetValidatorTest {

    @TempDir
    static Path dir;
    static Path corpus;

    @BeforeAll
    static void buildCorpus() throws IOException {
        Tools.require("flite");
        Tools.require("espeak-ng");
        Path transcripts = dir.resolve("t.txt");
        Files.writeString(transcripts, """
                V-1|Printing, in the only sense with which we are concerned.
                V-2|In being comparatively modern.
                V-3|The earliest book printed with movable types.
                V-4|Now, as all books not primarily intended as picture books.
                V-5|And it is worth mention in passing.
                """);
        corpus = dir.resolve("corpus");
        CorpusBuilder.builder().setTeachers(List.of(SubprocessTeacher.parse("flite:slt"), SubprocessTeacher.parse("espeak-ng:en-us")))
                .setTranscripts(transcripts).setOutput(corpus).build().build();
        // One bad item of each kind after the five good ones (lines 6 to 12).
        Files.writeString(corpus.resolve("metadata.csv"), """
                X-missing|No audio for this one.|No audio for this one.|flite-slt
                X-garbage|Audio that is not a WAV file.|Audio that is not a WAV file.|flite-slt
                X-empty|||flite-slt
                V-2|A repeated id.|A repeated id.|flite-slt
                X-silent|Only silence here.|Only silence here.|flite-slt
                X-16k|Sixteen kilohertz audio.|Sixteen kilohertz audio.|flite-slt
                X-long|A long utterance.|A long utterance.|flite-slt
                """, StandardOpenOption.APPEND);
        Files.writeString(corpus.resolve("wavs/X-garbage.wav"), "this is not audio");
        WavIO.write(corpus.resolve("wavs/X-silent.wav"), new float[22050], 22050);
        WavIO.write(corpus.resolve("wavs/X-16k.wav"), FakeTeacher.tone(16000, 16000), 16000);
        WavIO.write(corpus.resolve("wavs/X-long.wav"), FakeTeacher.tone(22050 * 20, 22050), 22050);
    }

    @Test
    void reportsEachKindOfBadItemByFileAndLine() {
        Dataset d = new DatasetReader().read(corpus);
        ValidationReport r = new DatasetValidator(AudioConfig.DEFAULT, 1000).validate(d);
        assertThat(r.listed()).isEqualTo(12);
        assertThat(r.kept()).isEqualTo(6);
        assertThat(r.resampled()).isEqualTo(1);
        assertThat(r.skipped()).extracting(Skipped::message).containsExactly(
                "metadata.csv:6 X-missing: missing audio: " + corpus.resolve("wavs/X-missing.wav") + " not found",
                "metadata.csv:7 X-garbage: unreadable audio: " + r.skipped().get(1).detail(),
                "metadata.csv:8 X-empty: empty text: the transcript is empty",
                "metadata.csv:9 V-2: duplicate: id already listed at metadata.csv:2",
                "metadata.csv:10 X-silent: empty audio: silent (peak 0.0)",
                "metadata.csv:12 X-long: too long: 20.00 s = 1722 frames, over the limit of 1000 frames (max_frames)");
        assertThat(r.skipped().get(1).detail()).contains("X-garbage.wav").contains("not a WAV");
        assertThat(r.skippedByReason()).containsEntry(SkipReason.DUPLICATE, 1).containsEntry(SkipReason.TOO_LONG, 1);
    }

    @Test
    void endsWithCountsHoursAndLengths() {
        Dataset d = new DatasetReader().read(corpus);
        ValidationReport r = new DatasetValidator(AudioConfig.DEFAULT, 1000).validate(d);
        // Five spoken sentences of 1.5 to 5 s and the one-second 16 kHz tone.
        assertThat(r.seconds().count()).isEqualTo(6);
        assertThat(r.seconds().min()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(r.seconds().max()).isBetween(1.5, 6.0);
        assertThat(r.hours()).isCloseTo(r.seconds().total() / 3600, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.frames().max()).isCloseTo(r.seconds().max() * 22050 / 256, org.assertj.core.data.Offset.offset(2.0));
        List<String> lines = r.lines(3);
        assertThat(lines.get(3)).isEqualTo("... and 3 more skipped items");
        assertThat(lines.get(4)).isEqualTo("12 listed, 6 kept, 6 skipped (1 empty text, 1 duplicate, 1 missing audio,"
                + " 1 unreadable audio, 1 empty audio, 1 too long), 1 resampled");
        assertThat(lines.get(5)).startsWith(String.format("%.2f hours; seconds: min 1.00", r.hours()));
    }
}
