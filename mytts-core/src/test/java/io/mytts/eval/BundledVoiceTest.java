package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.LoadedVoice;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The voice that ships in {@code voices/slt}: small, described, and it speaks sentences it never
 * trained on (the first of LJ Speech's test split) to the end, in order, well enough for
 * pocketsphinx to follow. Guards the first command of the README.
 */
class BundledVoiceTest {


    /** LJ Speech test-split sentences (held out of the voice's corpus), as its transcripts spell them. */
    static final List<EvaluationTexts.Item> HELD_OUT = List.of(
            new EvaluationTexts.Item("LJ001-0072", "After the end of the fifteenth century the degradation of"
                    + " printing, especially in Germany and Italy,"),
            new EvaluationTexts.Item("LJ001-0079", "Caslon's type is clear and neat, and fairly well designed;"),
            new EvaluationTexts.Item("LJ001-0094", "were induced to cut punches for a series of \"old style\" letters."),
            new EvaluationTexts.Item("LJ002-0096", "The eight courts above enumerated were well supplied with water;"));

    @RegisterExtension
    static final LoadedVoice SLT = ShippedVoices.loaded("slt");

    @Test
    void isHalfPrecisionUnderThirtyMegabytesWithAFilledInModelCard() throws Exception {
        ShippedVoices.assertShippable(SLT.voice());
        // It carries a neural vocoder (Griffin-Lim stays its default until the neural one is the
        // more intelligible: see the model card), stored in half precision too.
        assertThat(SLT.voice().vocoder(io.mytts.synth.VocoderKind.NEURAL))
                .isInstanceOf(io.mytts.vocoder.NeuralVocoder.class);
        assertThat(Files.readString(SLT.voice().folder().resolve("vocoder")
                .resolve(io.mytts.vocoder.NeuralVocoder.DESCRIPTOR))).contains("\"precision\" : \"float16\"");
    }

    @Test
    void speaksHeldOutSentencesToTheEndWithoutSkippingOrRepeatingWords() {
        for (EvaluationTexts.Item item : HELD_OUT) {
            SynthesisResult r = SLT.synthesizer().synthesize(item.text());
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
        EvaluationReport report = IntelligibilityEvaluation.builder().setSynthesizer(SLT.synthesizer())
                .setRecognizer(new PocketSphinxRecognizer()).build().run(HELD_OUT);
        assertThat(report.wer()).as("word error rate; hypotheses: %s",
                report.items().stream().map(EvaluationReport.ItemResult::hypothesis).toList()).isLessThan(WER_BOUND);
    }

    /** Measured when the voice was packed (see its model card), with a margin for other CPUs. */
    static final double WER_BOUND = 0.6;
}
