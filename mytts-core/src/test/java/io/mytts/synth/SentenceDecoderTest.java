package io.mytts.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.model.GenerationOptions;
import io.mytts.model.GenerationResult;
import io.mytts.text.Language;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Beam search and alignment repair on untrained tiny voices (noise out, but every decision runs). */
class SentenceDecoderTest {

    /** Prenet dropout at inference (the default): hypotheses differ by their masks. */
    @RegisterExtension
    static final LoadedVoice TINY = TinyVoices.loaded();
    /** A stop that fires at the first frame: a sentence of several words skips all but one. */
    @RegisterExtension
    static final LoadedVoice HASTY = LoadedVoice.written(folder -> TinyVoices.write(folder, false, 7, 30f));

    private static int[] ids(Voice v, String text) {
        return v.tokenizer().encode(text, Language.EN);
    }

    private static GenerationOptions generation(long seed) {
        return GenerationOptions.builder().optMaxSteps(20).optSeed(seed).build();
    }

    private static SentenceDecoder decoder(Voice v, SynthesisOptions options, long seed) {
        return new SentenceDecoder(v.model(), v.tokenizer().symbols(), options, generation(seed),
                Synthesizer.WORD_FAILURES);
    }

    private static float maxDiff(float[][] x, float[][] y) {
        float max = x.length == y.length ? 0 : Float.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            for (int j = 0; j < x[i].length; j++) {
                max = Math.max(max, Math.abs(x[i][j] - y[i][j]));
            }
        }
        return max;
    }

    @Test
    void beamOneIsGreedyDecodingExactly() {
        List<int[]> sentences = List.of(ids(TINY.voice(), "hello there."), ids(TINY.voice(), "how are you today?"));
        List<DecodedSentence> beam1 = decoder(TINY.voice(), SynthesisOptions.builder().optBeam(1).build(), 3)
                .decode(sentences);
        List<GenerationResult> greedy = TINY.voice().model().greedyGenerateFast(sentences, generation(3));
        for (int i = 0; i < sentences.size(); i++) {
            assertThat(beam1.get(i).result().mel()).isEqualTo(greedy.get(i).mel());
            assertThat(beam1.get(i).result().alignment()).isEqualTo(greedy.get(i).alignment());
            assertThat(beam1.get(i).repair()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 5, 11})
    void beamIsDeterministicForASeedAndPicksTheBestHypothesis(long seed) {
        int[] sentence = ids(TINY.voice(), "one two three four.");
        SynthesisOptions beam4 = SynthesisOptions.builder().optBeam(4).build();
        DecodedSentence a = decoder(TINY.voice(), beam4, seed).decode(List.of(sentence)).get(0);
        DecodedSentence b = decoder(TINY.voice(), beam4, seed).decode(List.of(sentence)).get(0);
        assertThat(a.result().mel()).isEqualTo(b.result().mel());

        // The hypotheses differ (other dropout masks), and the one chosen scores best of them.
        SentenceDecoder single = decoder(TINY.voice(), SynthesisOptions.defaults(), seed);
        List<DecodedSentence> alone = new java.util.ArrayList<>();
        for (int k = 0; k < 4; k++) {
            SentenceDecoder kth = new SentenceDecoder(TINY.voice().model(), TINY.voice().tokenizer().symbols(),
                    SynthesisOptions.defaults(), generation(SentenceDecoder.hypothesisSeed(seed, k)),
                    Synthesizer.WORD_FAILURES);
            alone.add(kth.decode(List.of(sentence)).get(0));
        }
        assertThat(maxDiff(alone.get(0).result().mel(), alone.get(1).result().mel())).isGreaterThan(1e-3f);
        // The one chosen is one of them (batched: equal up to float rounding), and none of the others
        // has fewer failures (the coarse ranking, which rounding cannot flip).
        assertThat(alone).anySatisfy(h -> assertThat(maxDiff(h.result().mel(), a.result().mel())).isLessThan(1e-4f));
        java.util.Comparator<io.mytts.align.DecodingScore> coarse = java.util.Comparator
                .comparing((io.mytts.align.DecodingScore x) -> x.failures().stopNeverFired())
                .thenComparingInt(io.mytts.align.DecodingScore::failureKinds);
        assertThat(alone).allSatisfy(h -> assertThat(coarse.compare(a.score(), h.score())).isNotPositive());
        assertThat(single.decode(List.of(sentence)).get(0).result().mel()).isEqualTo(alone.get(0).result().mel());
    }

    @Test
    void repairDecodesOnlyTheFailedSentenceAgainAndSaysSo() {
        // One word: the hasty stop is right. Four words: it skips three, every time.
        List<int[]> sentences = List.of(ids(HASTY.voice(), "yes."), ids(HASTY.voice(), "one two three four."));
        SynthesisOptions noRepair = SynthesisOptions.defaults();
        SynthesisOptions repair2 = SynthesisOptions.builder().optRepair(2).build();
        List<DecodedSentence> first = decoder(HASTY.voice(), noRepair, 0).decode(sentences);
        assertThat(first.get(0).failures().any()).isFalse();
        assertThat(first.get(1).failures().skippedTokens()).isNotEmpty();

        List<DecodedSentence> repaired = decoder(HASTY.voice(), repair2, 0).decode(sentences);
        assertThat(repaired.get(0).repair()).isNull();
        assertThat(repaired.get(0).result().mel()).isEqualTo(first.get(0).result().mel());
        Repair r = repaired.get(1).repair();
        assertThat(r).isNotNull();
        assertThat(r.attempts()).isBetween(1, 2);
        assertThat(r.hypotheses()).isEqualTo(r.attempts() * SentenceDecoder.REPAIR_HYPOTHESES);
        assertThat(r.before()).isEqualTo(first.get(1).failures());
        assertThat(r.resolved()).isEqualTo(!repaired.get(1).failures().any());
        assertThat(r.attempts() == 2 || r.resolved()).as("stops early only when resolved").isTrue();
        // Attempt 1 tries other seeds, attempt 2 the text-aware stop (this decoder has neither a window nor it).
        assertThat(r.spokenFrom()).isIn(Repair.FIRST_DECODING, "other seeds", "the text-aware stop");
        assertThat(r.summary()).startsWith((r.resolved() ? "repaired in " : "not repaired in ") + r.attempts())
                .contains("spoken: " + r.spokenFrom()).contains("skipped tokens");

        // Through the synthesizer: the result and its sentences say which one was repaired.
        SynthesisResult result = Synthesizer.of(HASTY.voice()).synthesize("Yes. One two three four.",
                SynthesisOptions.builder().optRepair(2).optMaxSteps(20).build());
        assertThat(result.sentences()).extracting(SentenceResult::repaired).containsExactly(false, true);
        assertThat(result.repairedSentences()).isEqualTo(1);
    }

    @Test
    void theTextAwareStopWaitsForTheLastLetterNotThePunctuation() {
        SentenceDecoder d = decoder(HASTY.voice(), SynthesisOptions.defaults(), 0);
        int[] sentence = ids(HASTY.voice(), "one two, three!\"");
        int last = d.lastSpokenToken(sentence);
        assertThat(HASTY.voice().tokenizer().symbols().symbol(sentence[last])).isEqualTo("e");
        assertThat(sentence.length - 1 - last).isEqualTo(3); // ! " and the end of sequence
        SynthesisResult aware = Synthesizer.of(HASTY.voice()).synthesize("One two three.",
                SynthesisOptions.builder().optTextAwareStop(true).optMaxSteps(40).build());
        SynthesisResult plain = Synthesizer.of(HASTY.voice()).synthesize("One two three.",
                SynthesisOptions.builder().optMaxSteps(40).build());
        assertThat(plain.sentences().get(0).frames()).isEqualTo(1);
        assertThat(aware.sentences().get(0).frames()).isGreaterThan(1);
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertThatThrownBy(() -> SynthesisOptions.builder().optBeam(0).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("beam");
        assertThatThrownBy(() -> SynthesisOptions.builder().optRepair(-1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("repair");
    }
}
