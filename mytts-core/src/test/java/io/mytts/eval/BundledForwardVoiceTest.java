package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.model.ModelKind;
import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.LoadedVoice;
import io.mytts.synth.Voice;
import io.mytts.synth.VocoderKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The forward voice that ships in {@code voices/slt-forward}: small, described, speaking through its
 * neural vocoder, every held-out sentence whole, and at the speed asked for.
 */
class BundledForwardVoiceTest {

    @RegisterExtension
    static final LoadedVoice FORWARD = ShippedVoices.loaded("slt-forward");

    @Test
    void isAHalfPrecisionForwardVoiceUnderThirtyMegabytesWithAMeasuredModelCard() throws Exception {
        Voice v = FORWARD.voice();
        assertThat(v.kind()).isEqualTo(ModelKind.FORWARD);
        ShippedVoices.assertShippable(v);
        assertThat(v.vocoder()).isSameAs(v.vocoder(VocoderKind.NEURAL));
    }

    @Test
    void speaksHeldOutSentencesWholeAndAtTheSpeedAsked() {
        for (EvaluationTexts.Item item : BundledVoiceTest.HELD_OUT) {
            SynthesisResult normal = FORWARD.synthesizer().synthesize(item.text());
            for (SentenceResult s : normal.sentences()) {
                assertThat(s.failures().any()).as("%s in '%s'", s.failures().summary(), s.text()).isFalse();
            }
            double secondsPerCharacter = normal.durationSeconds() / item.text().length();
            assertThat(secondsPerCharacter).as(item.id()).isBetween(0.04, 0.12);
            SynthesisResult faster = FORWARD.synthesizer().synthesize(item.text(), SynthesisOptions.builder().optSpeed(1.5).build());
            int framesNormal = normal.sentences().stream().mapToInt(SentenceResult::frames).sum();
            int framesFaster = faster.sentences().stream().mapToInt(SentenceResult::frames).sum();
            assertThat((double) framesFaster / framesNormal).as(item.id()).isBetween(0.95 / 1.5, 1.05 / 1.5);
        }
    }
}
