package io.mytts.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mytts.InvalidInputException;
import io.mytts.forward.ForwardControls;
import io.mytts.model.GenerationResult;
import io.mytts.model.ModelKind;
import io.mytts.ssml.SsmlDocument;
import io.mytts.ssml.Style;
import io.mytts.text.Language;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A forward voice through the whole synthesizer: its speed and pitch controls, batching and word times. */
class ForwardVoiceTest {

    private static final String TEXT = "Hello there, my friend. How are you today? Fine, thanks.";

    @TempDir
    static Path dir;
    @RegisterExtension
    static final LoadedVoice TINY = TinyVoices.loadedForward();

    private static SynthesisResult say(String text, double speed, double pitch) {
        return TINY.synthesizer().synthesize(text, SynthesisOptions.builder().optSpeed(speed).optPitchSemitones(pitch).build());
    }

    /** What the model alone makes of a sentence as the synthesizer spoke it. */
    private static int[] durations(SentenceResult s, ForwardControls controls) {
        int[] ids = TINY.voice().tokenizer().encode(s.text(), Language.EN);
        return TINY.voice().forwardModel().generate(List.of(ids), controls).get(0).durations();
    }

    @Test
    void aForwardVoiceLoadsAndSpeaksEveryFrameItsDurationsSay() {
        assertThat(TINY.voice().kind()).isEqualTo(ModelKind.FORWARD);
        assertThat(TINY.voice().crossWindow()).isNull();
        assertThat(TINY.voice().parameterCount()).isEqualTo(TINY.voice().forwardModel().parameters().count()).isPositive();
        assertThatThrownBy(TINY.voice()::model).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("forward voice").hasMessageContaining("no autoregressive model");

        SynthesisResult r = TINY.synthesizer().synthesize(TEXT);
        assertThat(r.sentences()).hasSize(3);
        int hop = TinyVoices.AUDIO.hopLength();
        for (SentenceResult s : r.sentences()) {
            assertThat(s.stopFired()).isTrue();
            assertThat(s.failures().stopNeverFired()).isFalse();
            assertThat(s.frames()).isEqualTo(java.util.Arrays.stream(durations(s, ForwardControls.DEFAULT)).sum());
            assertThat(Math.round(s.seconds() * TinyVoices.AUDIO.sampleRate())).isEqualTo((long) s.frames() * hop);
        }
        assertThat(r.audio().samples()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(doubles = {2.0, 1.5, 0.5})
    void speedScalesTheLengthOfEverySentence(double speed) {
        SynthesisResult normal = say(TEXT, 1, 0);
        SynthesisResult scaled = say(TEXT, speed, 0);
        assertThat(scaled.sentences()).hasSameSizeAs(normal.sentences());
        for (int i = 0; i < normal.sentences().size(); i++) {
            double expected = normal.sentences().get(i).frames() / speed;
            // Both totals are rounded to whole frames: half a frame each, scaled.
            assertThat((double) scaled.sentences().get(i).frames()).isCloseTo(expected, within(0.5 + 0.5 / speed));
        }
    }

    @Test
    void pitchReachesTheModelAndKeepsTheLength() {
        ForwardDecoder decoder = new ForwardDecoder(TINY.voice().forwardModel(), TINY.voice().tokenizer().symbols(), Synthesizer.WORD_FAILURES);
        var chunks = List.of(AcousticDecoder.Input.of(TINY.voice().tokenizer().encode("Hello there.", Language.EN)));
        float[][] plain = decoder.decode(chunks, SynthesisOptions.defaults()).sentences().get(0).result().mel();
        float[][] raised = decoder.decode(chunks, SynthesisOptions.builder().optPitchSemitones(2).build()).sentences().get(0)
                .result().mel();
        assertThat(raised.length).isEqualTo(plain.length);
        assertThat(maxDifference(raised, plain)).isGreaterThan(1e-4);
        float[] a = say("Hello there.", 1, 0).audio().samples();
        float[] b = say("Hello there.", 1, 2).audio().samples();
        assertThat(b).hasSameSizeAs(a).isNotEqualTo(a);
    }

    static double maxDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int t = 0; t < a.length; t++) {
            for (int k = 0; k < a[t].length; k++) {
                max = Math.max(max, Math.abs(a[t][k] - b[t][k]));
            }
        }
        return max;
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.5, 0.5})
    void wordTimesAreTheDurationSums(double speed) {
        SynthesisResult r = say("Hello there, my good friend.", speed, 0);
        SentenceResult s = r.sentences().get(0);
        int[] ids = TINY.voice().tokenizer().encode(s.text(), Language.EN);
        int[] durations = durations(s, new ForwardControls(speed, 0));
        int[] wordOf = TINY.voice().symbols().wordIndices(ids);
        List<Timeline.Span> words = r.timeline().words();
        assertThat(words).extracting(Timeline.Span::text).containsExactly("Hello", "there,", "my", "good", "friend.");
        double secondsPerFrame = TinyVoices.AUDIO.hopLength() / (double) TinyVoices.AUDIO.sampleRate();
        int frames = 0;
        int word = 0;
        for (int token = 0; token < ids.length; token++) {
            if (wordOf[token] > word) {
                word = wordOf[token];
                assertThat(words.get(word).start()).as("start of word %d", word).isCloseTo(frames * secondsPerFrame,
                        within(1e-9));
                assertThat(words.get(word - 1).end()).isCloseTo(frames * secondsPerFrame, within(1e-9));
            }
            frames += durations[token];
        }
        assertThat(words.get(0).start()).isZero();
        assertThat(words.get(words.size() - 1).end()).isCloseTo(frames * secondsPerFrame, within(1e-9));
    }

    @Test
    void aBatchDecodesInOnePassAsEachSentenceAlone() {
        ForwardDecoder decoder = new ForwardDecoder(TINY.voice().forwardModel(), TINY.voice().tokenizer().symbols(), Synthesizer.WORD_FAILURES);
        List<int[]> ids = List.of(TINY.voice().tokenizer().encode("Hello there.", Language.EN),
                TINY.voice().tokenizer().encode("How are you doing today, my friend?", Language.EN),
                TINY.voice().tokenizer().encode("Fine.", Language.EN));
        List<GenerationResult> batch = decoder.decode(AcousticDecoder.Input.of(ids), SynthesisOptions.defaults())
                .sentences().stream().map(DecodedSentence::result).toList();
        for (int i = 0; i < ids.size(); i++) {
            GenerationResult alone = decoder.decode(List.of(AcousticDecoder.Input.of(ids.get(i))),
                    SynthesisOptions.defaults()).sentences().get(0).result();
            assertThat(batch.get(i).frames()).isEqualTo(alone.frames());
            assertThat(maxDifference(batch.get(i).mel(), alone.mel())).as("sentence %d", i).isLessThan(1e-4);
            assertThat(batch.get(i).alignment()).isDeepEqualTo(alone.alignment());
        }
        SynthesisResult r = TINY.synthesizer().synthesize("Hello there. How are you doing today, my friend? Fine. Good.",
                SynthesisOptions.builder().optBatchSize(3).build());
        assertThat(r.sentences()).extracting(SentenceResult::batchSize).containsExactly(1, 3, 3, 3);
        assertThat(r.sentences().subList(1, 4)).extracting(x -> x.timings().decodeMillis()).containsOnly(
                r.sentences().get(1).timings().decodeMillis());
    }

    @Test
    void theHardAlignmentHasOneRowPerFrameAtItsToken() {
        GenerationResult g = ForwardDecoder.asGeneration(new io.mytts.forward.ForwardResult(new float[5][2],
                new int[] {2, 0, 3}));
        assertThat(g.alignment()).isDeepEqualTo(new float[][] {{1, 0, 0}, {1, 0, 0}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1}});
        assertThat(g.stopProbabilities()).containsExactly(0, 0, 0, 0, 1);
        assertThat(g.stopped()).isTrue();
    }

    @Test
    void ssmlRateAndPitchGoIntoTheModelNotOntoTheMel() {
        SynthesisResult normal = say("Hello there, my friend.", 1, 0);
        SynthesisResult fast = TINY.synthesizer().synthesize(SsmlDocument.parse(
                "<speak><prosody rate=\"2.0\">Hello there, my friend.</prosody></speak>"), SynthesisOptions.defaults());
        SentenceResult s = fast.sentences().get(0);
        // The model spoke it at speed 2: its frames are its durations (no time-scaling of the mel after).
        assertThat(s.frames()).isEqualTo(java.util.Arrays.stream(durations(s, new ForwardControls(2, 0))).sum());
        assertThat((double) s.frames()).isCloseTo(normal.sentences().get(0).frames() / 2.0, within(1.0));
        assertThat(Math.round(s.seconds() * TinyVoices.AUDIO.sampleRate()))
                .isEqualTo((long) s.frames() * TinyVoices.AUDIO.hopLength());
    }

    @Test
    void prosodyBeyondTheModelsRangeIsHeldThereWithAWarning() {
        SynthesisResult r = TINY.synthesizer().synthesize(SsmlDocument.parse(
                "<speak><prosody rate=\"3.0\">Hello there.</prosody> Fine.</speak>"), SynthesisOptions.defaults());
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("speed 3.00").contains("spoken at speed 2.00"));
        assertThat(r.sentences().get(0).frames()).isEqualTo(
                java.util.Arrays.stream(durations(r.sentences().get(0), new ForwardControls(2, 0))).sum());
        assertThat(say("Hello there.", 1, 0).warnings()).isEmpty();
    }

    @Test
    void theRequestAndTheStyleCombineWithinTheModelsRange() {
        SynthesisOptions o = SynthesisOptions.builder().optSpeed(1.5).optPitchSemitones(10).build();
        assertThat(ForwardDecoder.controls(o, new Style(1.2, 1, 1, null, null, null)))
                .isEqualTo(new ForwardControls(1.5 * 1.2, 11));
        assertThat(ForwardDecoder.controls(o, new Style(3, 5, 1, null, null, null)))
                .isEqualTo(new ForwardControls(ForwardControls.MAX_SPEED, ForwardControls.MAX_PITCH_SEMITONES));
    }

    @Test
    void speedAndPitchOutOfRangeAreClearErrors() {
        assertThatThrownBy(() -> SynthesisOptions.builder().optSpeed(2.5).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("speed must be between 0.5 and 2.0");
        assertThatThrownBy(() -> SynthesisOptions.builder().optSpeed(0.4).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("speed");
        assertThatThrownBy(() -> SynthesisOptions.builder().optSpeed(Double.NaN).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("speed");
        assertThatThrownBy(() -> SynthesisOptions.builder().optPitchSemitones(-13).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("pitch must be between -12 and 12");
    }

    @Test
    void anAutoregressiveVoiceRefusesSpeedAndPitchSayingWhoHasThem() {
        try (Voice ar = Voice.load(TinyVoices.write(dir.resolve("ar")))) {
            Synthesizer s = Synthesizer.of(ar);
            for (SynthesisOptions o : List.of(SynthesisOptions.builder().optSpeed(1.5).build(),
                    SynthesisOptions.builder().optPitchSemitones(2).build())) {
                assertThatThrownBy(() -> s.synthesize("Hello.", o)).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("is autoregressive").hasMessageContaining("only forward voices");
            }
            assertThatThrownBy(ar::forwardModel).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no forward model");
        }
    }
}
