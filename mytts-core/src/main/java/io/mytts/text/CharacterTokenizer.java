package io.mytts.text;

import java.util.Locale;
import java.util.Objects;

/**
 * One id per character (code point) of normalised text. Latin letters are lower-cased first unless
 * the table has capitals (the default English table has none); any other character the table lacks
 * is dropped and counted.
 */
public final class CharacterTokenizer implements Tokenizer {

    private final SymbolTable table;
    private final SymbolEncoder encoder;
    private final boolean lowerCase;

    public CharacterTokenizer(SymbolTable table) {
        this.table = Objects.requireNonNull(table, "table");
        this.encoder = new SymbolEncoder(table, "character tokenizer");
        this.lowerCase = !table.contains("A"); // a table with capitals keeps case
    }

    /** A tokenizer over the default characters of {@code languages} (all languages when none given). */
    public static CharacterTokenizer forLanguages(Language... languages) {
        return new CharacterTokenizer(SymbolTable.characters(languages));
    }

    @Override
    public int[] encode(String normalizedText) {
        TextCleaner.check(normalizedText);
        return encoder.encode(lowerCase ? lowerCaseLatin(normalizedText) : normalizedText);
    }

    @Override
    public String decode(int[] ids) {
        return encoder.decode(ids);
    }

    @Override
    public SymbolTable symbols() {
        return table;
    }

    @Override
    public long droppedSymbolCount() {
        return encoder.dropped();
    }

    private static String lowerCaseLatin(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }
}
