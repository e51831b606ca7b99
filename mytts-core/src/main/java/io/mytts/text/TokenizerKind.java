package io.mytts.text;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mytts.InvalidInputException;
import java.util.Locale;

/**
 * What a model's symbols are: characters or espeak-ng phonemes. The one name for it in feature
 * preparation, voices, checkpoints' provenance and the command line; JSON spells it in lower case.
 */
public enum TokenizerKind {
    /** Characters of the normalised text ({@link CharacterTokenizer}). */
    CHARACTERS,
    /** espeak-ng phonemes of the normalised text ({@link PhonemeTokenizer}). */
    PHONEMES;

    /** The lower-case name used in JSON files and on the command line. */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code characters} (or its short form {@code chars}) or {@code phonemes}, in any case. */
    public static TokenizerKind parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("chars")) {
            return CHARACTERS;
        }
        for (TokenizerKind k : values()) {
            if (k.jsonName().equals(v)) {
                return k;
            }
        }
        throw new InvalidInputException("unknown tokenizer '" + value + "': use characters or phonemes");
    }

    @Override
    public String toString() {
        return jsonName();
    }
}
