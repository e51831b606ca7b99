package io.mytts.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.config.StrictJson;
import io.mytts.model.SpeakerTable;
import io.mytts.ssml.SsmlDocument;
import io.mytts.ssml.Style;
import io.mytts.text.Language;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a speaker of a multi-speaker voice: options, SSML, voice.json and the errors. */
class SpeakerSynthesisTest {

    static final SpeakerTable SPEAKERS = new SpeakerTable(List.of("fake-a", "fake-b"));

    @RegisterExtension
    static final LoadedVoice TWO = LoadedVoice.written(folder -> TinyVoices.write(folder, false, 7, -30f, SPEAKERS));
    /** A forward voice of the same two speakers. */
    @RegisterExtension
    static final LoadedVoice FORWARD = LoadedVoice.written(folder -> TinyVoices.writeForward(folder, 11, 4, SPEAKERS));

    private static SynthesisOptions speaker(String name) {
        return SynthesisOptions.builder().optMaxSteps(12).optSpeaker(name).build();
    }

    private static float[] samples(String text, SynthesisOptions options) {
        return TWO.synthesizer().synthesize(text, options).audio().samples();
    }

    @Test
    void theVoiceListsItsSpeakersInVoiceJson() {
        assertThat(TWO.voice().speakers()).isEqualTo(SPEAKERS);
        assertThat(StrictJson.readTree(TWO.voice().folder().resolve(Voice.VOICE_JSON)).path("speakers").toString())
                .isEqualTo("[\"fake-a\",\"fake-b\"]");
    }

    @Test
    void withoutASpeakerAMultiSpeakerVoiceSaysOnceThatItSpeaksAsItsFirst() {
        Synthesizer fresh = Synthesizer.of(TWO.voice());
        assertThat(fresh.synthesize("Hi.", speaker(null)).warnings())
                .containsExactly("voice tiny has 2 speakers (fake-a, fake-b); speaking as fake-a: choose one with --speaker NAME");
        assertThat(fresh.synthesize("Hi.", speaker(null)).warnings()).isEmpty();
        assertThat(Synthesizer.of(TWO.voice()).synthesize("Hi.", speaker("fake-b")).warnings()).isEmpty();
    }

    @Test
    void eachSpeakerSoundsDifferentAndTheFirstIsTheDefault() {
        float[] a = samples("Hello there.", speaker("fake-a"));
        float[] b = samples("Hello there.", speaker("fake-b"));
        assertThat(samples("Hello there.", speaker(null))).containsExactly(a);
        assertThat(samples("Hello there.", speaker("1"))).containsExactly(b);
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void ssmlPicksTheSpeakerOfItsText() {
        float[] b = samples("Hello there.", speaker("fake-b"));
        SsmlDocument doc = SsmlDocument.parse("<speak><voice speaker=\"fake-b\">Hello there.</voice></speak>");
        assertThat(TWO.synthesizer().synthesize(doc, speaker("fake-a")).audio().samples()).containsExactly(b);
    }

    @Test
    void anUnknownSpeakerIsAnErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> samples("Hello.", speaker("fake-c"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown speaker 'fake-c'").hasMessageContaining("fake-a, fake-b");
        SsmlDocument doc = SsmlDocument.parse("<speak><voice speaker=\"nobody\">Hello.</voice></speak>");
        assertThatThrownBy(() -> TWO.synthesizer().synthesize(doc, speaker(null))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown speaker 'nobody'");
    }

    @Test
    void aSingleSpeakerVoiceTakesSpeakerZeroOnlyAndIgnoresSsmlSpeakers(@TempDir Path tmp) {
        try (Voice one = Voice.load(TinyVoices.write(tmp.resolve("one"), false, 7, -30f))) {
            Synthesizer s = Synthesizer.of(one);
            assertThat(StrictJson.readTree(one.folder().resolve(Voice.VOICE_JSON)).has("speakers")).isFalse();
            float[] plain = s.synthesize("Hi.", speaker(null)).audio().samples();
            assertThat(s.synthesize("Hi.", speaker("0")).audio().samples()).containsExactly(plain);
            assertThatThrownBy(() -> s.synthesize("Hi.", speaker("fake-a"))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("single speaker");
            SynthesisResult r = s.synthesize(SsmlDocument.parse("<speak><voice speaker=\"3\">Hi.</voice></speak>"),
                    speaker(null));
            assertThat(r.audio().samples()).containsExactly(plain);
            assertThat(r.warnings()).anyMatch(w -> w.contains("speaker 3 is ignored"));
        }
    }

    @Test
    void aForwardVoiceSpeaksEachChunkOfABatchByItsSpeaker() {
        assertThat(FORWARD.voice().speakers()).isEqualTo(SPEAKERS);
        ForwardDecoder decoder = new ForwardDecoder(FORWARD.voice().forwardModel(), FORWARD.voice().tokenizer().symbols(),
                Synthesizer.FORWARD_WORD_FAILURES);
        int[] ids = FORWARD.voice().tokenizer().encode("Hello there.", Language.EN);
        List<float[][]> mixed = mels(decoder, List.of(new AcousticDecoder.Input(ids, Style.DEFAULT, 1),
                new AcousticDecoder.Input(ids, Style.DEFAULT, 0)));
        float[][] b = mels(decoder, List.of(new AcousticDecoder.Input(ids, Style.DEFAULT, 1))).get(0);
        float[][] a = mels(decoder, List.of(AcousticDecoder.Input.of(ids))).get(0);
        assertThat(ForwardVoiceTest.maxDifference(mixed.get(0), b)).isLessThan(1e-4);
        assertThat(ForwardVoiceTest.maxDifference(mixed.get(1), a)).isLessThan(1e-4);
        // The speakers' mels differ (in length, or else in their values).
        assertThat(b.length == a.length ? ForwardVoiceTest.maxDifference(a, b) : 1).isGreaterThan(1e-3);
        assertThatThrownBy(() -> decoder.decode(List.of(new AcousticDecoder.Input(ids, Style.DEFAULT, 2)),
                SynthesisOptions.defaults())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("speaker index 2");
    }

    @Test
    void aForwardVoiceTakesTheSpeakerOfTheOptionsAndOfSsml() {
        Synthesizer s = Synthesizer.of(FORWARD.voice());
        float[] a = s.synthesize("Hello there.", speaker("fake-a")).audio().samples();
        float[] b = s.synthesize("Hello there.", speaker("fake-b")).audio().samples();
        assertThat(b).isNotEqualTo(a);
        assertThat(s.synthesize("Hello there.", speaker(null)).audio().samples()).containsExactly(a);
        SsmlDocument doc = SsmlDocument.parse("<speak><voice speaker=\"fake-b\">Hello there.</voice></speak>");
        assertThat(s.synthesize(doc, speaker("fake-a")).audio().samples()).containsExactly(b);
        assertThatThrownBy(() -> s.synthesize("Hello.", speaker("fake-c"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown speaker 'fake-c'");
    }

    private static List<float[][]> mels(AcousticDecoder decoder, List<AcousticDecoder.Input> chunks) {
        return decoder.decode(chunks, SynthesisOptions.defaults()).sentences().stream()
                .map(d -> d.result().mel()).toList();
    }
}
