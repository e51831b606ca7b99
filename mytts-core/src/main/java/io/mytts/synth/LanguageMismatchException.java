package io.mytts.synth;

import io.mytts.InvalidInputException;
import io.mytts.text.Language;

/**
 * Text written in a language the voice does not speak (told by its script), refused before any of
 * it is said. It names both languages, so that a caller holding several voices can send the text
 * to one that speaks it.
 */
public final class LanguageMismatchException extends InvalidInputException {

    private final Language voiceLanguage;
    private final Language textLanguage;

    public LanguageMismatchException(Language voiceLanguage, Language textLanguage, String sentence) {
        super("this voice speaks " + voiceLanguage.englishName() + " (" + voiceLanguage.code() + "), but the text \""
                + abbreviate(sentence) + "\" is " + textLanguage.englishName() + " (" + textLanguage.code()
                + "); use a voice that speaks " + textLanguage.englishName() + " (--voice, or --lang "
                + textLanguage.code() + " to pick a bundled one) or leave that text out");
        this.voiceLanguage = voiceLanguage;
        this.textLanguage = textLanguage;
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }

    /** The language the voice speaks. */
    public Language voiceLanguage() {
        return voiceLanguage;
    }

    /** The language the text is written in. */
    public Language textLanguage() {
        return textLanguage;
    }
}
