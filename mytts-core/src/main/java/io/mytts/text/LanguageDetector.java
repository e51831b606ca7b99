package io.mytts.text;

import java.util.Objects;

/**
 * Tells English from Persian by script: a sentence whose letters are mostly Arabic-script is
 * Persian, mostly Latin is English. Digits and punctuation do not count; a sentence with no
 * letters at all gets the fallback language (usually the previous sentence's).
 */
public final class LanguageDetector {

    private final Language fallback;

    public LanguageDetector() {
        this(Language.EN);
    }

    /** A detector that answers {@code fallback} when a text has no letters to judge by. */
    public LanguageDetector(Language fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    public Language detect(String text) {
        return detect(text, fallback);
    }

    /** The language of {@code text}, or {@code whenUnsure} when it has no Latin or Arabic letters. */
    public Language detect(String text, Language whenUnsure) {
        if (text == null) {
            return whenUnsure;
        }
        int arabic = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.ARABIC) {
                arabic++;
            } else if (script == Character.UnicodeScript.LATIN) {
                latin++;
            }
        }
        if (arabic == 0 && latin == 0) {
            return whenUnsure;
        }
        return arabic > latin ? Language.FA : Language.EN;
    }
}
