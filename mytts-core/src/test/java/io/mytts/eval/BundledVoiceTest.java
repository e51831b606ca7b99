package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.Voice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The voice that ships in {@code voices/slt}: small, described, and it speaks sentences it never
 * trained on (the first of LJ Speech's test split) to the end, in order, well enough for
 * pocketsphinx to follow. Guards the first command of the README.
 */
class BundledVoiceTest {

    static final Path VOICE = Path.of(System.getProperty("mytts.repo.dir", ".."), "voices", "slt");

    /** LJ Speech test-split sentences (held out of the voice's corpus), as its transcripts spell them. */
    static final List<EvaluationTexts.Item> HELD_OUT = List.of(
            new EvaluationTexts.Item("LJ001-0072", "After the end of the fifteenth century the degradation of"
                    + " printing, especially in Germany and Italy,"),
            new EvaluationTexts.Item("LJ001-0079", "Caslon's type is clear and neat, and fairly well designed;"),
            new EvaluationTexts.Item("LJ001-0094", "were induced to cut punches for a series of \"old style\" letters."),
            new EvaluationTexts.Item("LJ002-0096", "The eight courts above enumerated were well supplied with water;"));

    static Synthesizer synthesizer;

    @BeforeAll
    static void load() {
        synthesizer = Synthesizer.of(Voice.load(VOICE));
    }

    @AfterAll
    static void close() {
        synthesizer.voice().close();
    }

    @Test
    void isHalfPrecisionUnderThirtyMegabytesWithAFilledInModelCard() throws Exception {
        assertThat(synthesizer.voice().precision()).isEqualTo("float16");
        long bytes;
        try (var files = Files.walk(VOICE)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertThat(bytes).as("the whole voice folder, its vocoder included").isLessThan(30_000_000L);
        // It carries a neural vocoder (Griffin-Lim stays its default until the neural one is the
        // more intelligible: see the model card), stored in half precision too.
        assertThat(synthesizer.voice().vocoder(io.mytts.synth.VocoderKind.NEURAL))
                .isInstanceOf(io.mytts.vocoder.NeuralVocoder.class);
        assertThat(Files.readString(VOICE.resolve("vocoder").resolve(io.mytts.vocoder.NeuralVocoder.DESCRIPTOR)))
                .contains("\"precision\" : \"float16\"");
        String card = Files.readString(VOICE.resolve(Voice.MODEL_CARD));
        assertThat(card).contains("## Measurements").contains("WER").contains("real-time factor")
                .doesNotContain("(Which corpus").doesNotContain("(Machine,");
    }

    @Test
    void speaksHeldOutSentencesToTheEndWithoutSkippingOrRepeatingWords() {
        for (EvaluationTexts.Item item : HELD_OUT) {
            SynthesisResult r = synthesizer.synthesize(item.text());
            for (SentenceResult s : r.sentences()) {
                assertThat(s.stopFired()).as("stop token for '%s'", s.text()).isTrue();
                assertThat(s.alignmentScore()).as("alignment of '%s'", s.text()).isGreaterThan(0.6);
                assertThat(s.failures().any()).as("%s in '%s'", s.failures().summary(), s.text()).isFalse();
            }
            // Flite's slt speaks LJ Speech text at about 14 characters a second.
            double secondsPerCharacter = r.durationSeconds() / item.text().length();
            assertThat(secondsPerCharacter).as(item.id()).isBetween(0.04, 0.12);
        }
    }

    @Test
    void pocketsphinxFollowsIt() {
        PocketSphinxRecognizerTest.requireTool(PocketSphinxRecognizer.isAvailable(), "pocketsphinx");
        EvaluationReport report = IntelligibilityEvaluation.builder().setSynthesizer(synthesizer)
                .setRecognizer(new PocketSphinxRecognizer()).build().run(HELD_OUT);
        assertThat(report.wer()).as("word error rate; hypotheses: %s",
                report.items().stream().map(EvaluationReport.ItemResult::hypothesis).toList()).isLessThan(WER_BOUND);
    }

    /** Measured when the voice was packed (see its model card), with a margin for other CPUs. */
    static final double WER_BOUND = 0.6;
}
