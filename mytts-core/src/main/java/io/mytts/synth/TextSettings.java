package io.mytts.synth;

import com.fasterxml.jackson.databind.JsonNode;
import io.mytts.InvalidInputException;
import io.mytts.text.CharacterTokenizer;
import io.mytts.text.Language;
import io.mytts.text.PhonemeTokenizer;
import io.mytts.text.SymbolTable;
import io.mytts.text.Tokenizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a voice reads text: characters or espeak-ng phonemes, in a fixed language or detected per
 * sentence ({@code language} null, written {@code "auto"}). The JSON keys match the {@code text}
 * settings that feature preparation records, so a voice can copy them from its training run.
 *
 * @param tokenizer characters or phonemes
 * @param language the language of every sentence, or null to detect it per sentence
 */
public record TextSettings(Kind tokenizer, Language language) {

    /** What the model's symbols are. */
    public enum Kind {
        CHARACTERS, PHONEMES;

        String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind fromJson(String s) {
            for (Kind k : values()) {
                if (k.jsonName().equals(s == null ? null : s.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new InvalidInputException("unknown tokenizer '" + s + "': use characters or phonemes");
        }
    }

    public TextSettings {
        if (tokenizer == null) {
            throw new InvalidInputException("text settings need a tokenizer (characters or phonemes)");
        }
    }

    /** English characters: what a voice made from the default English corpus reads. */
    public static TextSettings englishCharacters() {
        return new TextSettings(Kind.CHARACTERS, Language.EN);
    }

    /** From user input: {@code characters|phonemes} and {@code en|fa|auto}. */
    public static TextSettings fromStrings(String tokenizer, String language) {
        return new TextSettings(Kind.fromJson(tokenizer),
                language == null || "auto".equalsIgnoreCase(language.trim()) ? null : Language.fromCode(language));
    }

    /** The tokenizer over the model's own symbol table. */
    public Tokenizer tokenizer(SymbolTable symbols) {
        return switch (tokenizer) {
            case CHARACTERS -> new CharacterTokenizer(symbols);
            case PHONEMES -> PhonemeTokenizer.builder().optSymbols(symbols)
                    .optLanguage(language == null ? Language.EN : language).build();
        };
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer", tokenizer.jsonName());
        m.put("language", language == null ? "auto" : language.code());
        return m;
    }

    static TextSettings fromJson(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(source + ": missing \"text\" settings, e.g. "
                    + "{\"tokenizer\": \"characters\", \"language\": \"en\"}");
        }
        String language = node.path("language").asText("auto");
        try {
            return new TextSettings(Kind.fromJson(node.path("tokenizer").asText(null)),
                    "auto".equalsIgnoreCase(language) ? null : Language.fromCode(language));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + e.getMessage());
        }
    }
}
