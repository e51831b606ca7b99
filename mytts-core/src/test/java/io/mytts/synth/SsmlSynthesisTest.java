package io.mytts.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mytts.ssml.SsmlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSML through a tiny untrained voice: its noise is never exactly zero, so silences are easy to find. */
class SsmlSynthesisTest {

    @RegisterExtension
    static final LoadedVoice TINY = TinyVoices.loaded();
    static final SynthesisOptions OPTIONS = SynthesisOptions.builder().optMaxSteps(20).build();

    private static SynthesisResult say(String body) {
        return TINY.synthesizer().synthesize(SsmlDocument.parse("<speak>" + body + "</speak>"), OPTIONS);
    }

    /** The longest run of samples that are exactly zero, in seconds. */
    private static double longestSilence(float[] samples, int rate) {
        int best = 0;
        int run = 0;
        for (float s : samples) {
            run = s == 0f ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best / (double) rate;
    }

    @ParameterizedTest(name = "break of {0} s")
    @ValueSource(doubles = {1.0, 0.3, 2.5})
    void aBreakIsThatMuchSilenceBetweenTheSentences(double seconds) {
        SynthesisResult r = say("Hello there. <break time=\"" + seconds + "s\"/> How are you?");
        assertThat(r.sentences()).hasSize(2);
        double silence = longestSilence(r.audio().samples(), r.audio().sampleRate());
        assertThat(silence).isBetween(seconds * 0.95, seconds * 1.05);
        Timeline t = r.timeline();
        assertThat(t.sentences().get(1).start() - t.sentences().get(0).end()).isCloseTo(seconds, within(1e-3));
    }

    @Test
    void withoutABreakSentencesGetTheUsualPauseAndPhrasesNone() {
        SynthesisResult r = say("<s>Hello there</s><s>How are you</s> and <prosody volume=\"loud\">you</prosody>");
        List<Timeline.Span> s = r.timeline().sentences();
        assertThat(s).hasSize(4);
        assertThat(s.get(1).start() - s.get(0).end()).isCloseTo(OPTIONS.sentencePauseSeconds(), within(1e-3));
        assertThat(s.get(2).start() - s.get(1).end()).isCloseTo(OPTIONS.sentencePauseSeconds(), within(1e-3));
        assertThat(s.get(3).start()).isCloseTo(s.get(2).end(), within(1e-9)); // the same sentence goes on
    }

    @Test
    void sayAsCharactersIsSpelled() {
        SynthesisResult r = say("The <say-as interpret-as=\"characters\">NASA</say-as> site.");
        assertThat(r.sentences().get(0).text()).isEqualTo("The N A S A site.");
    }

    @Test
    void marksAreReportedWithTheTimeOfTheSpeechAfterThem() {
        SynthesisResult r = say("<mark name=\"a\"/>One. <mark name=\"b\"/>Two. <break time=\"500ms\"/>"
                + "<mark name=\"c\"/>Three.<mark name=\"end\"/>");
        List<Timeline.Span> s = r.timeline().sentences();
        assertThat(r.timeline().marks()).extracting(Timeline.MarkTime::name).containsExactly("a", "b", "c", "end");
        assertThat(r.timeline().marks().get(0).time()).isZero();
        assertThat(r.timeline().marks().get(1).time()).isCloseTo(s.get(1).start(), within(1e-9));
        assertThat(r.timeline().marks().get(2).time()).isCloseTo(s.get(2).start(), within(1e-9));
        assertThat(s.get(2).start() - s.get(1).end()).isCloseTo(0.5, within(1e-3));
        assertThat(r.timeline().marks().get(3).time()).isCloseTo(r.durationSeconds(), within(1e-9));
    }

    @ParameterizedTest(name = "rate {0}")
    @ValueSource(strings = {"150%", "1.5", "x-slow", "+30%"})
    void aRateChangesTheLengthOfTheSpeech(String rate) {
        double plain = say("Hello there my friend.").durationSeconds();
        SynthesisResult r = say("<prosody rate=\"" + rate + "\">Hello there my friend.</prosody>");
        double factor = r.sentences().get(0).seconds() / plain;
        double expected = switch (rate) {
            case "x-slow" -> 1 / 0.5;
            case "+30%" -> 1 / 1.3;
            default -> 1 / 1.5;
        };
        assertThat(factor).isCloseTo(expected, within(0.05 * expected));
    }

    @Test
    void pitchChangesTheSoundButNotTheLength() {
        SynthesisResult plain = say("Hello there.");
        SynthesisResult high = say("<prosody pitch=\"+4st\">Hello there.</prosody>");
        assertThat(high.audio().samples()).hasSameSizeAs(plain.audio().samples());
        assertThat(high.audio().samples()).isNotEqualTo(plain.audio().samples());
    }

    @Test
    void volumeScalesTheSamples() {
        float[] plain = say("Hello there.").audio().samples();
        float[] silent = say("<prosody volume=\"silent\">Hello there.</prosody>").audio().samples();
        float[] soft = say("<prosody volume=\"-6dB\">Hello there.</prosody>").audio().samples();
        assertThat(silent).hasSameSizeAs(plain).containsOnly(0f);
        double gain = Math.pow(10, -6 / 20.0);
        for (int i = 0; i < plain.length; i += 97) {
            assertThat((double) soft[i]).isCloseTo(plain[i] * gain, within(1e-5));
        }
    }

    @Test
    void streamingWritesWhatAKeptRequestHolds() {
        SsmlDocument doc = SsmlDocument.parse("<speak>One two. <break time=\"200ms\"/>Three four five. Six.</speak>");
        List<float[]> pieces = new ArrayList<>();
        SynthesisResult streamed = TINY.synthesizer().stream(doc, OPTIONS, null, pieces::add);
        SynthesisResult kept = TINY.synthesizer().synthesize(doc, OPTIONS);
        float[] joined = new float[pieces.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : pieces) {
            System.arraycopy(p, 0, joined, at, p.length);
            at += p.length;
        }
        assertThat(joined).containsExactly(kept.audio().samples());
        assertThat(streamed.audio().samples()).isEmpty();
        assertThat(streamed.durationSeconds()).isEqualTo(kept.durationSeconds());
        assertThat(streamed.timeline()).isEqualTo(kept.timeline());
    }

    @ParameterizedTest(name = "{0} voice")
    @ValueSource(strings = {"autoregressive", "forward"})
    void aStreamThatKeepsNoSentencesWritesTheSameAudioAndCountsWhatItDidNotKeep(String kind, @TempDir Path dir) {
        // The autoregressive voice's sentences all run to the step cap (each has something to report);
        // most of the forward voice's have nothing to report.
        Path folder = dir.resolve("lean-" + kind);
        try (Voice v = Voice.load(kind.equals("forward") ? TinyVoices.writeForward(folder, 3, 4)
                : TinyVoices.write(folder))) {
            Synthesizer s = Synthesizer.of(v);
            SsmlDocument doc = SsmlDocument.parse("<speak>One two. <break time=\"200ms\"/>Three four five."
                    + " <mark name=\"m\"/>Six seven. Eight.</speak>");
            List<float[]> kept = new ArrayList<>();
            List<float[]> lean = new ArrayList<>();
            List<SentenceResult> heard = new ArrayList<>();
            SynthesisResult all = s.stream(doc, OPTIONS, null, kept::add);
            SynthesisResult counted = s.stream(doc, OPTIONS.toBuilder().optKeepSentences(false).build(),
                    (sentence, samples) -> heard.add(sentence), lean::add);

            assertThat(lean).hasSameSizeAs(kept);
            for (int i = 0; i < kept.size(); i++) {
                assertThat(lean.get(i)).containsExactly(kept.get(i));
            }
            assertThat(counted.durationSeconds()).isEqualTo(all.durationSeconds());
            assertThat(counted.tally()).isEqualTo(all.tally()).isEqualTo(SentenceTally.of(all.sentences()));
            assertThat(counted.sentenceCount()).isEqualTo(4).isEqualTo(all.sentences().size());
            assertThat(heard).hasSize(4); // the listener still hears every sentence
            assertThat(counted.cutSentences()).isEqualTo(all.sentences().stream().filter(SentenceResult::hitStepCap).count());
            assertThat(counted.minAlignmentScore()).isEqualTo(
                    all.sentences().stream().mapToDouble(SentenceResult::alignmentScore).min().orElseThrow());
            // Only the sentences with something to report are listed; no sentence or word times, the marks stay.
            List<Integer> notable = all.sentences().stream().filter(SentenceTally::notable).map(SentenceResult::index)
                    .toList();
            if (kind.equals("forward")) {
                assertThat(notable.size()).isLessThan(4); // some are left out
            } else {
                assertThat(notable).hasSize(4);
            }
            assertThat(counted.sentences()).extracting(SentenceResult::index).containsExactlyElementsOf(notable);
            assertThat(counted.timeline().sentences()).isEmpty();
            assertThat(counted.timeline().words()).isEmpty();
            assertThat(counted.timeline().marks()).isEqualTo(all.timeline().marks()).hasSize(1);
        }
    }

    @Test
    void wordTimesCoverEachSentenceInOrder() {
        SynthesisResult r = TINY.synthesizer().synthesize("Hello there my friend. How are you?", OPTIONS);
        Timeline t = r.timeline();
        assertThat(t.words()).extracting(Timeline.Span::text)
                .containsExactly("Hello", "there", "my", "friend.", "How", "are", "you?");
        for (Timeline.Span w : t.words()) {
            Timeline.Span s = t.sentences().get(w.sentence());
            assertThat(w.start()).isBetween(s.start(), s.end());
            assertThat(w.end()).isBetween(w.start(), s.end());
        }
        assertThat(t.words().get(0).start()).isEqualTo(t.sentences().get(0).start());
        assertThat(t.words().get(3).end()).isEqualTo(t.sentences().get(0).end());
        assertThat(t.durationSeconds()).isEqualTo(r.audio().durationSeconds());
    }

    @Test
    void whatCannotBeDoneIsReportedOnce() {
        SynthesisResult r = say("<voice name=\"nobody\">One.</voice> <voice name=\"nobody\">Two.</voice> <foo>x</foo>");
        assertThat(r.warnings()).hasSize(2);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("'nobody' is not loaded"));
    }

    @Test
    void onlyABreakIsSilence() {
        SynthesisResult r = say("<break time=\"1s\"/>");
        assertThat(r.audio().samples()).hasSize(16000).containsOnly(0f);
        assertThat(r.sentences()).isEmpty();
    }
}
