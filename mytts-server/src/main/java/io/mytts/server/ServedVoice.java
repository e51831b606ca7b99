package io.mytts.server;

import io.mytts.synth.Synthesizer;
import io.mytts.synth.Voice;

/**
 * A loaded voice as the server offers it.
 *
 * @param voice the loaded voice (shared by all workers; only read)
 * @param synthesizer its synthesizer (thread-safe)
 * @param locale the MaryTTS-style locale ({@code en_US}): voice.json's "locale", else one made from
 *     the voice's language
 * @param gender voice.json's "gender" ({@code female}, {@code male}), else {@code unknown}
 * @param modelCard the voice's MODEL_CARD.md, or an empty string
 */
record ServedVoice(Voice voice, Synthesizer synthesizer, String locale, String gender, String modelCard) {

    String name() {
        return voice.name();
    }

    String language() {
        return voice.textSettings().language().code();
    }

    int sampleRate() {
        return synthesizer.sampleRate();
    }
}
