package io.mytts.text;

import io.mytts.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * One id per IPA symbol (code point) of the phonemes a {@link Phonemizer} writes for normalised
 * text; by default espeak-ng and the table {@link SymbolTable#phonemes()}. Thread-safe.
 */
public final class PhonemeTokenizer implements Tokenizer {

    private final Phonemizer phonemizer;
    private final Language language;
    private final SymbolTable table;
    private final SymbolEncoder encoder;

    private PhonemeTokenizer(Builder b) {
        this.phonemizer = b.phonemizer != null ? b.phonemizer : EspeakPhonemizer.create();
        this.language = b.language;
        this.table = b.symbols != null ? b.symbols : SymbolTable.phonemes();
        this.encoder = new SymbolEncoder(table, "phoneme tokenizer");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The language {@link #encode(String)} assumes. */
    public Language language() {
        return language;
    }

    /** The IPA string of {@code normalizedText}. */
    public String phonemes(String normalizedText, Language language) {
        TextCleaner.check(normalizedText);
        return phonemizer.phonemize(normalizedText, language);
    }

    @Override
    public int[] encode(String normalizedText) {
        return encode(normalizedText, language);
    }

    @Override
    public int[] encode(String normalizedText, Language language) {
        return encoder.encode(phonemes(normalizedText, language));
    }

    /**
     * Ids of a pronunciation given in IPA (SSML's {@code <phoneme ph>}), without asking espeak-ng;
     * symbols the voice does not know are dropped as in {@link #encode}.
     */
    public int[] encodePhonemes(String ipa) {
        TextCleaner.check(ipa);
        return encoder.encode(ipa);
    }

    /** Many texts in one phonemizer call (much faster than one call each). */
    public List<int[]> encodeAll(List<String> normalizedTexts, Language language) {
        List<int[]> out = new ArrayList<>(normalizedTexts.size());
        for (String ipa : phonemizer.phonemize(normalizedTexts, language)) {
            out.add(encoder.encode(ipa));
        }
        return out;
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

    /** Options of the phoneme tokenizer. */
    public static final class Builder {
        private Phonemizer phonemizer;
        private Language language = Language.EN;
        private SymbolTable symbols;

        private Builder() {}

        /** Where phonemes come from (default: espeak-ng on the PATH). */
        public Builder optPhonemizer(Phonemizer phonemizer) {
            this.phonemizer = phonemizer;
            return this;
        }

        /** The language of {@link #encode(String)} (default English). */
        public Builder optLanguage(Language language) {
            this.language = language;
            return this;
        }

        /** The symbol table, e.g. the one a model was trained with (default {@link SymbolTable#phonemes()}). */
        public Builder optSymbols(SymbolTable symbols) {
            this.symbols = symbols;
            return this;
        }

        public PhonemeTokenizer build() {
            if (language == null) {
                throw new InvalidInputException("the phoneme tokenizer needs a language");
            }
            return new PhonemeTokenizer(this);
        }
    }
}
