package io.mytts.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.BaseNDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import io.mytts.config.CrossWindow;
import io.mytts.ssml.SsmlDocument;
import io.mytts.text.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SynthesizerTest {

    @TempDir
    static Path dir;
    @RegisterExtension
    static final LoadedVoice TINY = TinyVoices.loaded();

    private static SynthesisOptions capped(int steps) {
        return SynthesisOptions.builder().optMaxSteps(steps).build();
    }

    @Test
    void speaksEachSentenceAtTheVoicesRateWithPausesBetween() {
        SynthesisOptions options = SynthesisOptions.builder().optMaxSteps(30).optSentencePauseSeconds(0.1).build();
        SynthesisResult r = TINY.synthesizer().synthesize("Hello there. How are you today? Fine, thanks.", options);

        assertThat(r.audio().sampleRate()).isEqualTo(16000);
        assertThat(r.sentences()).extracting(SentenceResult::text)
                .containsExactly("Hello there.", "How are you today?", "Fine, thanks.");
        int hop = TinyVoices.AUDIO.hopLength();
        long expected = 0;
        for (SentenceResult s : r.sentences()) {
            // The stop token never fires in this voice: 30 steps of 2 frames.
            assertThat(s.frames()).isEqualTo(30 * 2);
            assertThat(s.stepCap()).isEqualTo(30);
            assertThat(s.stopFired()).isFalse();
            // Griffin-Lim gives one hop of audio per frame.
            assertThat(Math.round(s.seconds() * 16000)).isEqualTo((long) s.frames() * hop);
            assertThat(s.alignmentScore()).isBetween(0.0, 1.0);
            assertThat(s.hitStepCap()).isEqualTo(!s.stopFired());
            assertThat(s.failures().stopNeverFired()).isEqualTo(!s.stopFired());
            assertThat(s.tokens()).isEqualTo(s.text().length() + 1);
            expected += Math.round(s.seconds() * 16000);
        }
        expected += 2 * 1600; // two pauses of 0.1 s
        assertThat((long) r.audio().samples().length).isEqualTo(expected);
        assertThat(r.timeToFirstAudioMillis()).isPositive().isLessThanOrEqualTo(r.totalMillis());
        assertThat(r.realTimeFactor()).isPositive();
        assertThat(r.sentences().get(0).batchSize()).isEqualTo(1); // the first sentence comes alone
        assertThat(r.sentences().get(1).batchSize()).isEqualTo(2);
    }

    @Test
    void theVoicesWindowAppliesUnlessTheRequestGivesItsOwn() throws Exception {
        Path folder = TinyVoices.write(dir.resolve("windowed"));
        Path json = folder.resolve(Voice.VOICE_JSON);
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(json.toFile());
        root.putObject("decoding").put("cross_win_tokens", 1);
        Files.writeString(json, root.toString());
        String text = "A sentence long enough for a narrow window to matter";
        try (Voice windowed = Voice.load(folder)) {
            float[] byVoice = Synthesizer.of(windowed).synthesize(text, capped(12)).audio().samples();
            float[] byRequest = TINY.synthesizer().synthesize(text, SynthesisOptions.builder().optMaxSteps(12)
                    .optCrossWindow(CrossWindow.tokens(1)).build()).audio().samples();
            float[] modelsOwn = TINY.synthesizer().synthesize(text, capped(12)).audio().samples();
            float[] requestOverVoice = Synthesizer.of(windowed).synthesize(text, SynthesisOptions.builder()
                    .optMaxSteps(12).optCrossWin(0.2).build()).audio().samples();
            assertThat(byVoice).isEqualTo(byRequest);
            assertThat(byVoice).isNotEqualTo(modelsOwn);
            assertThat(requestOverVoice).isEqualTo(modelsOwn);
        }
    }

    @Test
    void listenerGetsEachSentenceInOrder() {
        List<Integer> order = new ArrayList<>();
        List<float[]> pieces = new ArrayList<>();
        SynthesisOptions options = SynthesisOptions.builder().optMaxSteps(10).optSentencePauseSeconds(0).build();
        SynthesisResult r = TINY.synthesizer().synthesize("One. Two. Three. Four. Five. Six.", options, (s, samples) -> {
            order.add(s.index());
            pieces.add(samples);
        });
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5);
        float[] joined = new float[pieces.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : pieces) {
            System.arraycopy(p, 0, joined, at, p.length);
            at += p.length;
        }
        assertThat(joined).containsExactly(r.audio().samples());
    }

    @Test
    void overlappedAndInlineVocodingGiveTheSameResult() {
        String text = "One two. Three four five. Six. Seven eight nine ten. Eleven.";
        SynthesisOptions.Builder b = SynthesisOptions.builder().optMaxSteps(6).optBatchSize(2);
        SynthesisResult overlapped = TINY.synthesizer().synthesize(text, b.optOverlapVocoder(true).build());
        SynthesisResult inline = TINY.synthesizer().synthesize(text, b.optOverlapVocoder(false).build());
        assertThat(overlapped.audio().samples()).containsExactly(inline.audio().samples());
        assertThat(overlapped.sentences()).extracting(SentenceResult::text)
                .containsExactlyElementsOf(inline.sentences().stream().map(SentenceResult::text).toList());
        assertThat(overlapped.sentences()).extracting(SentenceResult::batchSize).containsExactly(1, 2, 2, 2, 2);
    }

    @Test
    void aLongFirstSentenceIsCutAfterAClauseForEarlierAudio() {
        String first = "Hello there, my friend; this first sentence goes on and on for quite a while without end.";
        assertThat(first.length()).isGreaterThan(80);
        SynthesisOptions.Builder b = SynthesisOptions.builder().optMaxSteps(3);
        assertThat(TINY.synthesizer().synthesize(first + " Bye.", b.build()).sentences()).extracting(SentenceResult::text)
                .containsExactly("Hello there, my friend;",
                        "this first sentence goes on and on for quite a while without end.", "Bye.");
        assertThat(TINY.synthesizer().synthesize(first + " Bye.", b.optFirstChunkLength(0).build()).sentences())
                .extracting(SentenceResult::text).containsExactly(first, "Bye.");
        // No clause mark in reach: never cut inside a clause.
        String plain = "This first sentence has no comma at all and goes on for far more than eighty characters.";
        assertThat(TINY.synthesizer().synthesize(plain, b.optFirstChunkLength(80).build()).sentences()).hasSize(1);
        // Only the first sentence is cut.
        assertThat(TINY.synthesizer().synthesize("Hi. " + first, b.build()).sentences()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aListenerFailureReachesTheCaller(boolean overlap) {
        SynthesisOptions options = SynthesisOptions.builder().optMaxSteps(5).optOverlapVocoder(overlap).build();
        assertThatThrownBy(() -> TINY.synthesizer().synthesize("One. Two. Three.", options, (s, samples) -> {
            if (s.index() == 1) {
                throw new IllegalStateException("listener gave up at " + s.index());
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("listener gave up at 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t "})
    void emptyTextIsAClearError(String text) {
        assertThatThrownBy(() -> TINY.synthesizer().synthesize(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing to say");
        assertThatThrownBy(() -> TINY.synthesizer().synthesize(null)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"سلام دنیا، این یک آزمایش است.", "Hello there. سلام دنیا، این یک آزمایش است.",
        "<speak>Hello. <lang xml:lang=\"fa\">کتاب خوب است</lang></speak>"})
    void textInALanguageTheVoiceDoesNotSpeakIsRefusedNamingBoth(String text) {
        SsmlDocument document = text.startsWith("<speak>") ? SsmlDocument.parse(text, Language.EN)
                : SsmlDocument.ofText(text);
        assertThatThrownBy(() -> TINY.synthesizer().synthesize(document, capped(20)))
                .isInstanceOfSatisfying(LanguageMismatchException.class, e -> {
                    assertThat(e.voiceLanguage()).isEqualTo(Language.EN);
                    assertThat(e.textLanguage()).isEqualTo(Language.FA);
                })
                .hasMessageContaining("speaks English (en)").hasMessageContaining("is Persian (fa)");
    }

    @Test
    void englishTextWithAForeignNameOrDigitsIsStillSpoken() {
        // A few Arabic-script letters in a mostly English sentence do not make it Persian.
        assertThat(TINY.synthesizer().synthesize("The word کتاب means book, page 12.", capped(20)).sentences()).hasSize(1);
    }

    @Test
    void badOptionsAreClearErrors() {
        assertThatThrownBy(() -> SynthesisOptions.builder().optTemperature(0.5).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("temperature");
        assertThatThrownBy(() -> SynthesisOptions.builder().optMaxSteps(0).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("max steps");
        // More steps than the model's max_length (256): the model refuses, with a message.
        assertThatThrownBy(() -> TINY.synthesizer().synthesize("Hi.", capped(1000)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("max_length");
    }

    @Test
    void sameSeedSameAudioOtherSeedOtherAudioWithTemperature() {
        SynthesisOptions a = SynthesisOptions.builder().optMaxSteps(20).optTemperature(1.5).optSeed(1).build();
        SynthesisOptions b = SynthesisOptions.builder().optMaxSteps(20).optTemperature(1.5).optSeed(2).build();
        float[] first = TINY.synthesizer().synthesize("A short test.", a).audio().samples();
        assertThat(TINY.synthesizer().synthesize("A short test.", a).audio().samples()).containsExactly(first);
        assertThat(TINY.synthesizer().synthesize("A short test.", b).audio().samples()).isNotEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void threadsSharingOneVoiceGetWhatSequentialCallsGet(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            texts.add(randomText(random, 1 + random.nextInt(3)));
        }
        SynthesisOptions options = SynthesisOptions.builder().optMaxSteps(6).optTemperature(1.3).optSeed(seed).build();
        List<float[]> sequential = new ArrayList<>();
        for (String t : texts) {
            sequential.add(TINY.synthesizer().synthesize(t, options).audio().samples());
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (String t : texts) {
                futures.add(pool.submit(() -> TINY.synthesizer().synthesize(t, options).audio().samples()));
            }
            for (int i = 0; i < texts.size(); i++) {
                assertThat(futures.get(i).get()).as(texts.get(i)).containsExactly(sequential.get(i));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aFiveThousandCharacterTextIsChunkedAndLeavesNoNativeMemoryBehind() {
        Random random = new Random(5);
        StringBuilder text = new StringBuilder();
        // One 900-character "sentence" with commas, then ordinary sentences.
        while (text.length() < 900) {
            text.append(randomWord(random)).append(random.nextInt(6) == 0 ? ", " : " ");
        }
        text.append("end. ");
        while (text.length() < 5000) {
            text.append(randomText(random, 1)).append(' ');
        }
        String input = text.substring(0, 5000);
        BaseNDManager manager = (BaseNDManager) TINY.voice().manager();
        int before = manager.getManagedArrays().size();

        SynthesisOptions options = SynthesisOptions.builder().optMaxSteps(4).optMaxChunkLength(120)
                .optBatchSize(16).optSentencePauseSeconds(0).build();
        SynthesisResult r = TINY.synthesizer().synthesize(input, options);

        assertThat(r.sentences().size()).isGreaterThanOrEqualTo(5000 / 120);
        assertThat(r.sentences()).allSatisfy(s -> assertThat(s.text().length()).isLessThanOrEqualTo(120));
        assertThat(r.sentences()).allSatisfy(s -> assertThat(s.frames()).isEqualTo(8));
        double seconds = r.sentences().stream().mapToDouble(SentenceResult::seconds).sum();
        assertThat(r.durationSeconds()).isCloseTo(seconds, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(manager.getManagedArrays().size()).isEqualTo(before);
    }

    @Test
    void aStopTokenThatFiresEndsTheSentence() {
        try (Voice stopping = Voice.load(TinyVoices.write(dir.resolve("stopping"), true, 7, 30f))) {
            SynthesisResult r = Synthesizer.of(stopping).synthesize("Hello. Bye.", capped(40));
            assertThat(r.sentences()).allSatisfy(s -> {
                assertThat(s.stopFired()).isTrue();
                assertThat(s.frames()).isEqualTo(1); // the first frame is the last
                assertThat(s.failures().stopNeverFired()).isFalse();
            });
            assertThat(r.allStopped()).isTrue();
        }
    }

    @Test
    void theAutomaticStepCapGrowsWithTheSentence() {
        SynthesisResult r = TINY.synthesizer().synthesize("Hi. Go on.",
                SynthesisOptions.builder().optSentencePauseSeconds(0).build());
        int r0 = TinyVoices.config().reductionFactor();
        for (SentenceResult s : r.sentences()) {
            int expected = Math.min(TinyVoices.config().maxLength(),
                    (s.tokens() * 12 + r0 - 1) / r0 + 20); // 12 frames a token, 20 steps more
            assertThat(s.stepCap()).isEqualTo(expected);
            assertThat(s.frames()).isEqualTo(expected * r0);
        }
        // "Hi." is 3 characters + end of sequence: 4 tokens at 3 frames each = 12 frames = 6 steps, + 20.
        SynthesisResult slow = TINY.synthesizer().synthesize("Hi.", SynthesisOptions.builder().optFramesPerToken(3).build());
        assertThat(slow.sentences().get(0).stepCap()).isEqualTo(26);
    }

    @Test
    void stopProbabilitiesPerStepAreTheHighestOfTheStepsFrames() {
        // r = 2; the last step was cut after its first frame by the stop token.
        float[] frames = {0.1f, 0.9f, 0.3f, 0.2f, 0.7f};
        assertThat(Synthesizer.perStep(frames, 3, 2)).containsExactly(0.9f, 0.3f, 0.7f);
        assertThat(Synthesizer.perStep(frames, 5, 1)).containsExactly(frames);
    }

    static String randomText(Random random, int sentences) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            int words = 2 + random.nextInt(8);
            StringBuilder sentence = new StringBuilder();
            for (int w = 0; w < words; w++) {
                sentence.append(w == 0 ? "" : " ").append(randomWord(random));
            }
            sentence.setCharAt(0, Character.toUpperCase(sentence.charAt(0)));
            s.append(i == 0 ? "" : " ").append(sentence).append(random.nextBoolean() ? "." : "?");
        }
        return s.toString();
    }

    static String randomWord(Random random) {
        int n = 1 + random.nextInt(8);
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < n; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.toString();
    }
}
