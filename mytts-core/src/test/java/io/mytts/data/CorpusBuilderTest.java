package io.mytts.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import io.mytts.eval.Yin;
import io.mytts.text.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void pitchSpreadMovesEachUtteranceByItsRecordedShift() throws IOException {
        Path out = dir.resolve("spread");
        builder(out, List.of(new FakeTeacher("fake:a"))).optPitchSpread(4).optSeed(7).build().build();
        Map<String, Double> shifts = recordedShifts(out);
        assertThat(shifts.keySet()).containsExactly("T-01", "T-02", "T-04", "T-06", "T-07", "T-08");
        for (Utterance u : new DatasetReader().read(out).utterances()) {
            double shift = shifts.get(u.id());
            assertThat(shift).isEqualTo(PitchShifts.semitones(u.id(), 7, 4), offset(1e-4)).isBetween(-4.0, 4.0);
            double measured = TeacherPitch.semitones(medianF0(WavIO.read(u.audio())), FakeTeacher.PITCH);
            assertThat(measured).isCloseTo(shift, offset(0.5));
        }
        String settings = Files.readString(out.resolve(CorpusBuilder.SETTINGS));
        assertThat(settings).contains("\"pitch_spread\" : 4.0").contains("\"seed\" : 7");
    }

    @Test
    void resumingWithAnotherPitchSpreadOrSeedIsRefused() throws IOException {
        Path out = dir.resolve("respread");
        builder(out, List.of(new FakeTeacher("fake:a"))).optLimit(2).optPitchSpread(4).build().build();
        assertThatThrownBy(() -> builder(out, List.of(new FakeTeacher("fake:a"))).build().build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--pitch-spread 4.0 --seed 0")
                .hasMessageContaining("--pitch-spread 0").hasMessageContaining("another --out");
        assertThatThrownBy(() -> builder(out, List.of(new FakeTeacher("fake:a"))).optPitchSpread(4).optSeed(1)
                .build().build()).isInstanceOf(InvalidInputException.class).hasMessageContaining("--seed 1");
        FakeTeacher again = new FakeTeacher("fake:a");
        CorpusBuilder.Result r = builder(out, List.of(again)).optLimit(3).optPitchSpread(4).build().build();
        assertThat(r.alreadyPresent()).isEqualTo(2);
        assertThat(again.calls.get()).isEqualTo(1);
        assertThat(recordedShifts(out)).hasSize(3);
    }

    /** A corpus built before the pitch spread existed (no key in corpus.json) resumes as spread 0. */
    @Test
    void aCorpusWithoutPitchSettingsResumesWithoutSpread() throws IOException {
        Path out = dir.resolve("old");
        builder(out, List.of(new FakeTeacher("fake:a"))).optLimit(2).build().build();
        Path settings = out.resolve(CorpusBuilder.SETTINGS);
        ObjectNode old = (ObjectNode) new ObjectMapper().readTree(settings.toFile());
        old.remove(List.of("pitch_spread", "seed"));
        new ObjectMapper().writeValue(settings.toFile(), old);
        assertThat(Files.readString(settings)).doesNotContain("pitch");
        CorpusBuilder.Result r = builder(out, List.of(new FakeTeacher("fake:a"))).optLimit(3).build().build();
        assertThat(r.alreadyPresent()).isEqualTo(2);
        assertThat(r.written()).isEqualTo(1);
        assertThat(out.resolve(PitchShifts.FILE)).doesNotExist();
        assertThatThrownBy(() -> builder(out, List.of(new FakeTeacher("fake:a"))).optPitchSpread(2).build().build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--pitch-spread 0");
    }

    @Test
    void badPitchSpreadIsRefusedBeforeAnyWork() {
        assertThatThrownBy(() -> builder(dir.resolve("bad"), List.of(new FakeTeacher("fake:a"))).optPitchSpread(-1)
                .build()).isInstanceOf(InvalidInputException.class).hasMessageContaining("--pitch-spread");
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    /** slt with a spread of 4: each utterance's median F0 is moved by its recorded shift, against slt's own. */
    @Test
    void fliteSpeaksWithTheRecordedPitchShifts() throws IOException {
        Tools.require("flite");
        Path out = dir.resolve("slt-spread");
        SubprocessTeacher slt = SubprocessTeacher.parse("flite:slt");
        builder(out, List.of(slt)).optLimit(3).optPitchSpread(4).optSeed(3).build().build();
        Map<String, Double> shifts = recordedShifts(out);
        assertThat(shifts).hasSize(3);
        for (Utterance u : new DatasetReader().read(out).utterances()) {
            double own = medianF0(slt.speak(u.text()).resampledTo(22050));
            double measured = TeacherPitch.semitones(medianF0(WavIO.read(u.audio())), own);
            assertThat(measured).as(u.id()).isCloseTo(shifts.get(u.id()), offset(0.5));
        }
        assertThat(Files.readString(out.resolve(CorpusBuilder.SETTINGS))).contains("int_f0_target_mean");
    }

    /** kal16 (a diphone voice) and awb follow the F0 features; rms ignores them and is refused, saying so. */
    @Test
    void fliteVoicesThatIgnoreThePitchFeaturesAreRefused() {
        Tools.require("flite");
        SubprocessTeacher.parse("flite:kal16").preparePitchShift(4);
        SubprocessTeacher.parse("flite:awb").preparePitchShift(4);
        assertThatThrownBy(() -> SubprocessTeacher.parse("flite:rms").preparePitchShift(4))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("flite:rms")
                .hasMessageContaining("ignores int_f0_target_mean");
    }

    @Test
    void espeakMovesItsPitchWithinTheSpread() {
        Tools.require("espeak-ng");
        SubprocessTeacher en = SubprocessTeacher.parse("espeak-ng:en-us");
        en.preparePitchShift(4);
        for (double shift : new double[] {-3, 1.5}) {
            double measured = TeacherPitch.semitones(medianF0(en.speak(TeacherPitch.PROBE, shift)),
                    medianF0(en.speak(TeacherPitch.PROBE)));
            assertThat(measured).isCloseTo(shift, offset(0.5));
        }
    }

    private static Map<String, Double> recordedShifts(Path corpus) throws IOException {
        List<String> lines = Files.readAllLines(corpus.resolve(PitchShifts.FILE));
        assertThat(lines.get(0)).isEqualTo("id\tsemitones");
        Map<String, Double> shifts = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t");
            shifts.put(c[0], Double.parseDouble(c[1]));
        }
        return shifts;
    }

    private static double medianF0(AudioClip clip) {
        return Yin.builder().setSampleRate(clip.sampleRate()).build().track(clip).medianVoicedF0();
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
