package io.mytts.text;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.mytts.InvalidInputException;
import java.util.List;

/**
 * How a model reads text: characters or espeak-ng phonemes, in a fixed language or detected per
 * sentence ({@code language} null, written {@code "auto"}), and, once a model is made, the symbol
 * table its ids index. The JSON keys match the {@code text} settings that feature preparation
 * records, and a checkpoint's provenance carries them with the symbols, so a voice packed from a
 * checkpoint reads text as its training data was read.
 *
 * @param tokenizer characters or phonemes
 * @param language the language of every sentence, or null to detect it per sentence
 * @param symbols the model's symbol table (written {@code symbols}, the symbols in id order), or null
 *     where the settings only say how to read (a user's choice, a voice's {@code voice.json})
 */
@JsonDeserialize(builder = TextSettings.Keys.class)
@JsonPropertyOrder({"tokenizer", "language", "symbols"})
public record TextSettings(TokenizerKind tokenizer, @JsonIgnore Language language, @JsonIgnore SymbolTable symbols) {

    /** The JSON spelling of "detect the language per sentence". */
    public static final String AUTO = "auto";

    public TextSettings {
        if (tokenizer == null) {
            throw new InvalidInputException("text settings need a tokenizer (characters or phonemes)");
        }
    }

    /** Settings that say how to read, without a symbol table. */
    public TextSettings(TokenizerKind tokenizer, Language language) {
        this(tokenizer, language, null);
    }

    /** These settings with the model's symbol table. */
    public TextSettings withSymbols(SymbolTable symbols) {
        return new TextSettings(tokenizer, language, java.util.Objects.requireNonNull(symbols, "symbols"));
    }

    /** Only how to read: the tokenizer and the language (what a voice.json and a user give). */
    public TextSettings withoutSymbols() {
        return symbols == null ? this : new TextSettings(tokenizer, language);
    }

    /** The symbols in id order, as JSON writes them; absent without a table. */
    @JsonProperty("symbols")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    List<String> symbolList() {
        return symbols == null ? null : symbols.symbols();
    }

    /** English characters: what a voice made from the default English corpus reads. */
    public static TextSettings englishCharacters() {
        return new TextSettings(TokenizerKind.CHARACTERS, Language.EN);
    }

    /** From user input: {@code characters|phonemes} and {@code en|fa|auto}. */
    public static TextSettings fromStrings(String tokenizer, String language) {
        return new TextSettings(TokenizerKind.parse(tokenizer), language(language));
    }

    /** {@code en}, {@code fa}, or {@code auto} for detection per sentence. */
    @JsonProperty("language")
    public String languageCode() {
        return language == null ? AUTO : language.code();
    }

    /** The tokenizer over the model's own symbol table. */
    public Tokenizer tokenizer(SymbolTable symbols) {
        return switch (tokenizer) {
            case CHARACTERS -> new CharacterTokenizer(symbols);
            case PHONEMES -> PhonemeTokenizer.builder().optSymbols(symbols)
                    .optLanguage(language == null ? Language.EN : language).build();
        };
    }

    private static Language language(String code) {
        return code == null || AUTO.equalsIgnoreCase(code.trim()) ? null : Language.fromCode(code);
    }

    /** The keys, for reading JSON. */
    @JsonPOJOBuilder
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Keys {
        @JsonPropertyDescription("what the model's symbols are: characters or phonemes")
        private TokenizerKind tokenizer;
        @JsonPropertyDescription("en, fa, or auto to detect the language of each sentence")
        private String language = AUTO;
        @JsonPropertyDescription("the model's symbols in id order (absent: the settings only say how to read)")
        private List<String> symbols;

        TextSettings build() {
            return new TextSettings(tokenizer, language(language), symbols == null ? null : SymbolTable.of(symbols));
        }
    }
}
