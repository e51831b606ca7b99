package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.synth.LoadedVoice;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Voice;
import io.mytts.text.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Persian voice that ships in {@code voices/fa-espeak}: small, described, Persian, and saying a
 * held-out sentence of {@code data/fa/test-ids.txt} whole (it reads phonemes: espeak-ng must be
 * installed, as CI installs it).
 */
class BundledPersianVoiceTest {

    /** fa-00109 of data/fa/sentences.txt, held out of training. */
    static final String HELD_OUT = "مولکول آب از دو اتم هیدروژن و یک اتم اکسیژن ساخته شده است.";

    @RegisterExtension
    static final LoadedVoice FA = ShippedVoices.loaded("fa-espeak");

    @Test
    void isAHalfPrecisionPersianVoiceWithAMeasuredModelCard() throws Exception {
        Voice v = FA.voice();
        ShippedVoices.assertShippable(v);
        assertThat(v.textSettings().language()).isEqualTo(Language.FA);
    }

    @Test
    void saysAHeldOutSentenceWhole() {
        SynthesisResult r = FA.synthesizer().synthesize(HELD_OUT);
        ShippedVoices.assertSpokenWhole(r, "fa-espeak");
        assertThat(r.durationSeconds() / HELD_OUT.length()).isBetween(0.03, 0.12);
    }
}
