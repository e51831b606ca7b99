package io.mytts.text;

import io.mytts.InvalidInputException;
import java.util.Locale;

/** The languages the front end speaks, with their ISO 639-1 codes and espeak-ng voices. */
public enum Language {
    EN("en", "en-us", "English"),
    FA("fa", "fa", "Persian");

    private final String code;
    private final String espeakVoice;
    private final String englishName;

    Language(String code, String espeakVoice, String englishName) {
        this.code = code;
        this.espeakVoice = espeakVoice;
        this.englishName = englishName;
    }

    /** The language's name in English, for messages: {@code Persian}. */
    public String englishName() {
        return englishName;
    }

    /** The ISO 639-1 code: {@code en} or {@code fa}. */
    public String code() {
        return code;
    }

    /** The espeak-ng voice that phonemizes this language. */
    public String espeakVoice() {
        return espeakVoice;
    }

    /** The language for a code such as {@code en} or {@code FA}; a clear error for anything else. */
    public static Language fromCode(String code) {
        if (code != null) {
            String c = code.trim().toLowerCase(Locale.ROOT);
            for (Language l : values()) {
                if (l.code.equals(c)) {
                    return l;
                }
            }
        }
        throw new InvalidInputException("unknown language '" + code + "': use en (English) or fa (Persian)");
    }
}
