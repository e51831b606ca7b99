package io.mytts.text;

import java.util.List;

/** Text to phonemes (IPA), one output per input text. Implementations are thread-safe. */
public interface Phonemizer {

    /** The IPA of each text, in order; punctuation that marks pauses (. , ! ? ; :) is kept. */
    List<String> phonemize(List<String> texts, Language language);

    default String phonemize(String text, Language language) {
        return phonemize(List.of(text), language).get(0);
    }
}
