package io.mytts.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import io.mytts.text.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusBuilderTest {

    @TempDir
    Path dir;

    static final String TRANSCRIPTS = """
            T-01|The first sentence.
            T-02|A second one, a little longer than the first.
            T-03|Excluded by id.
            T-04|Three.
            T-05|This transcript is far too long to be spoken within the character limit of this test.
            T-06|Four and more.
            T-07|Five, the last.
            T-08|Six after five.
            T-09|Seven.
            """;

    Path transcripts() throws IOException {
        Path t = dir.resolve("transcripts.txt");
        Files.writeString(t, TRANSCRIPTS);
        Files.writeString(dir.resolve("exclude.txt"), "T-03\n");
        return t;
    }

    CorpusBuilder.Builder builder(Path out, List<? extends TeacherVoice> voices) throws IOException {
        return CorpusBuilder.builder().setTeachers(voices).setTranscripts(transcripts()).setOutput(out)
                .optExcludeIds(dir.resolve("exclude.txt")).optMaxChars(60).optLimit(6).optThreads(2);
    }

    @Test
    void selectsInOrderSkippingExcludedAndLongAndDealsToTeachers() throws IOException {
        FakeTeacher a = new FakeTeacher("fake:a");
        FakeTeacher b = new FakeTeacher("fake:b");
        List<CorpusBuilder.Item> plan = builder(dir.resolve("c"), List.of(a, b)).build().plan();
        assertThat(plan).extracting(CorpusBuilder.Item::id).containsExactly("T-01", "T-02", "T-04", "T-06", "T-07", "T-08");
        assertThat(plan).extracting(i -> i.teacher().spec()).containsExactly("fake:a", "fake:b", "fake:a", "fake:b",
                "fake:a", "fake:b");
    }

    @Test
    void multiSpeakerCorpusHasSpeakerColumnAndModelRate() throws IOException {
        Path out = dir.resolve("multi");
        CorpusBuilder.Result r = builder(out, List.of(new FakeTeacher("fake:a"), new FakeTeacher("fake:b"))).build().build();
        assertThat(r.written()).isEqualTo(6);
        Dataset d = new DatasetReader().read(out);
        assertThat(d.utterances()).hasSize(6);
        assertThat(d.speakers()).containsExactly("fake-a", "fake-b");
        assertThat(d.utterances().get(1).text()).isEqualTo("A second one, a little longer than the first.");
        AudioClip clip = WavIO.read(d.utterances().get(0).audio());
        assertThat(clip.sampleRate()).isEqualTo(22050);
        // "The first sentence." = 19 characters of 0.05 s at 16 kHz, resampled.
        assertThat(clip.durationSeconds()).isCloseTo(19 * 0.05, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void interruptedBuildResumesWithOnlyTheMissingItems() throws IOException {
        Path out = dir.resolve("resume");
        FakeTeacher failing = new FakeTeacher("fake:a", 3);
        CorpusBuilder.Result first = builder(out, List.of(failing)).optThreads(1).build().build();
        assertThat(first.written()).isEqualTo(3);
        assertThat(first.failures()).hasSize(3);
        assertThat(new DatasetReader().read(out).utterances()).hasSize(3);
        // A crash while writing leaves a partial file behind; it must not count as done.
        Files.writeString(out.resolve("wavs/T-08.wav.part"), "half a file");

        FakeTeacher good = new FakeTeacher("fake:a");
        CorpusBuilder.Result second = builder(out, List.of(good)).build().build();
        assertThat(second.alreadyPresent()).isEqualTo(3);
        assertThat(second.written()).isEqualTo(3);
        assertThat(good.calls.get()).isEqualTo(3);
        assertThat(out.resolve("wavs/T-08.wav.part")).doesNotExist();
        Dataset d = new DatasetReader().read(out);
        assertThat(d.utterances()).extracting(Utterance::id)
                .containsExactly("T-01", "T-02", "T-04", "T-06", "T-07", "T-08");
        assertThat(d.skipped()).isEmpty();
    }

    @Test
    void aTranscriptEditedBeforeResumingIsSpokenAgain() throws IOException {
        Path out = dir.resolve("edited");
        builder(out, List.of(new FakeTeacher("fake:a"))).build().build();
        Files.writeString(dir.resolve("transcripts.txt"), TRANSCRIPTS.replace("T-04|Three.", "T-04|Three, edited."));
        FakeTeacher again = new FakeTeacher("fake:a");
        CorpusBuilder.Result r = CorpusBuilder.builder().setTeachers(List.of(again))
                .setTranscripts(dir.resolve("transcripts.txt")).setOutput(out).optExcludeIds(dir.resolve("exclude.txt"))
                .optMaxChars(60).optLimit(6).build().build();
        assertThat(r.written()).isEqualTo(1);
        assertThat(r.alreadyPresent()).isEqualTo(5);
        Utterance edited = new DatasetReader().read(out).utterances().get(2);
        assertThat(edited.text()).isEqualTo("Three, edited.");
        // 14 characters of 0.05 s: the audio says the new text, not the old "Three." (6)
        assertThat(WavIO.read(edited.audio()).durationSeconds()).isCloseTo(14 * 0.05, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void resumingWithOtherTeachersIsRefused() throws IOException {
        Path out = dir.resolve("mixed");
        builder(out, List.of(new FakeTeacher("fake:a"))).optLimit(2).build().build();
        assertThatThrownBy(() -> builder(out, List.of(new FakeTeacher("fake:b"))).build().build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("fake:a").hasMessageContaining("another --out");
    }

    /** The teacher reads what the model will read: ۳٫۵ in words, not espeak-ng's own "se virgul panj". */
    @Test
    void transcriptsNormalisedAsALanguageAreReadNormalised() throws IOException {
        Path t = dir.resolve("fa.txt");
        Files.writeString(t, "fa-1|قیمت ۳٫۵ دلار است.\nfa-2|\u0643تاب\u200C\u200Cها\nfa-3|🍕🍕\n");
        Path out = dir.resolve("fa");
        FakeTeacher teacher = new FakeTeacher("fake:fa");
        CorpusBuilder.Result r = CorpusBuilder.builder().setTeachers(List.of(teacher)).setTranscripts(t).setOutput(out)
                .optNormalizeAs(Language.FA).build().build();
        assertThat(r.total()).as("the emoji-only line has nothing to say").isEqualTo(2);
        assertThat(Files.readAllLines(out.resolve(DatasetReader.METADATA))).containsExactly(
                "fa-1|قیمت ۳٫۵ دلار است.|قیمت سه و پنج دهم دلار است.", "fa-2|\u0643تاب\u200C\u200Cها|کتاب\u200Cها");
        Utterance first = new DatasetReader().read(out).utterances().get(0);
        assertThat(first.text()).isEqualTo("قیمت سه و پنج دهم دلار است.");
        // the fake teacher speaks 0.05 s a character: the normalised text's 27, not the written 18
        assertThat(WavIO.read(first.audio()).durationSeconds()).isCloseTo(27 * 0.05, org.assertj.core.data.Offset.offset(0.01));
        assertThatThrownBy(() -> CorpusBuilder.builder().setTeachers(List.of(teacher)).setTranscripts(t).setOutput(out)
                .build().build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("normalised as fa").hasMessageContaining("--lang");
    }

    @Test
    void aBrokenTeacherStopsTheBuild() throws IOException {
        assertThatThrownBy(() -> builder(dir.resolve("broken"), List.of(new FakeTeacher("fake:x", 0))).optThreads(1)
                .build().build()).isInstanceOf(InvalidInputException.class).hasMessageContaining("fake failure");
    }

    @Test
    void fliteAndEspeakTeachersSpeakAtTheModelRate() throws IOException {
        Tools.require("flite");
        Tools.require("espeak-ng");
        Path out = dir.resolve("real");
        CorpusBuilder.Result r = builder(out, List.of(SubprocessTeacher.parse("flite:slt"),
                SubprocessTeacher.parse("espeak-ng:en-us"))).optLimit(4).build().build();
        assertThat(r.failures()).isEmpty();
        Dataset d = new DatasetReader().read(out);
        assertThat(d.speakers()).containsExactly("espeak-ng-en-us", "flite-slt");
        for (Utterance u : d.utterances()) {
            AudioClip clip = WavIO.read(u.audio());
            assertThat(clip.sampleRate()).isEqualTo(22050);
            assertThat(clip.durationSeconds()).isBetween(0.3, 10.0);
        }
    }

    @Test
    void unknownTeachersAreClearErrors() {
        assertThatThrownBy(() -> SubprocessTeacher.parse("festival:kal")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("flite:slt");
        Tools.require("flite");
        assertThatThrownBy(() -> SubprocessTeacher.parse("flite:nosuch")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("slt");
    }
}
