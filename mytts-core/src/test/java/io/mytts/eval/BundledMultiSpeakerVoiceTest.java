package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.synth.LoadedVoice;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Voice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The four-speaker English voice that ships in {@code voices/en-4spk}: small, described, and each of
 * its speakers saying a held-out sentence whole, in a voice of its own.
 */
class BundledMultiSpeakerVoiceTest {

    static final List<String> SPEAKERS = List.of("flite-awb", "flite-kal16", "flite-rms", "flite-slt");

    @RegisterExtension
    static final LoadedVoice FOUR = ShippedVoices.loaded("en-4spk");

    @Test
    void isAHalfPrecisionVoiceOfFourNamedSpeakersWithAMeasuredModelCard() throws Exception {
        Voice v = FOUR.voice();
        ShippedVoices.assertShippable(v);
        assertThat(v.speakers().names()).containsExactlyElementsOf(SPEAKERS);
    }

    @Test
    void everySpeakerSaysAHeldOutSentenceWholeInItsOwnVoice() {
        EvaluationTexts.Item item = BundledVoiceTest.HELD_OUT.get(1);
        float[] previous = null;
        for (String speaker : SPEAKERS) {
            SynthesisResult r = FOUR.synthesizer().synthesize(item.text(),
                    SynthesisOptions.builder().optSpeaker(speaker).build());
            ShippedVoices.assertSpokenWhole(r, speaker);
            assertThat(r.durationSeconds() / item.text().length()).as(speaker).isBetween(0.04, 0.12);
            float[] audio = r.audio().samples();
            if (previous != null) {
                assertThat(audio).as("%s sounds like the speaker before it", speaker).isNotEqualTo(previous);
            }
            previous = audio;
        }
    }
}
