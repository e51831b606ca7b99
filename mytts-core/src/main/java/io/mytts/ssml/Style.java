package io.mytts.ssml;

import io.mytts.text.Language;
import java.util.Objects;

/**
 * How a piece of text is spoken: the product of the {@code prosody}, {@code emphasis},
 * {@code lang} and {@code voice} elements around it.
 *
 * @param rate speaking rate, a multiple of the voice's own (1.5: one and a half times as fast)
 * @param pitchSemitones pitch shift in semitones (0: the voice's own)
 * @param gain linear factor on the samples (1: unchanged, 0: silent)
 * @param language the language to read it in, or null for the voice's
 * @param voice the voice asked for by name, or null for any
 * @param speaker the speaker asked for within the voice, by name or row number, or null for its default
 */
public record Style(double rate, double pitchSemitones, double gain, Language language, String voice, String speaker) {

    /** The voice as it is. */
    public static final Style DEFAULT = new Style(1.0, 0.0, 1.0, null, null, null);

    public Style {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be positive, not " + rate);
        }
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain must be zero or positive, not " + gain);
        }
    }

    /** Whether rate and pitch are the voice's own (the mel is then used as generated). */
    public boolean neutralProsody() {
        return rate == 1.0 && pitchSemitones == 0.0;
    }

    Style withProsody(double rateFactor, double semitones, double gainFactor) {
        return new Style(rate * rateFactor, pitchSemitones + semitones, gain * gainFactor, language, voice, speaker);
    }

    Style withLanguage(Language l) {
        return Objects.equals(l, language) ? this : new Style(rate, pitchSemitones, gain, l, voice, speaker);
    }

    Style withVoice(String name, String speakerName) {
        return new Style(rate, pitchSemitones, gain, language, name != null ? name : voice,
                speakerName != null ? speakerName : speaker);
    }
}
