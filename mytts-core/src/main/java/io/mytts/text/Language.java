package io.mytts.text;

import io.mytts.InvalidInputException;
import java.util.Locale;

/** The languages the front end speaks, with their ISO 639-1 codes and espeak-ng voices. */
public enum Language {
    EN("en", "en-us"),
    FA("fa", "fa");

    private final String code;
    private final String espeakVoice;

    Language(String code, String espeakVoice) {
        this.code = code;
        this.espeakVoice = espeakVoice;
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
