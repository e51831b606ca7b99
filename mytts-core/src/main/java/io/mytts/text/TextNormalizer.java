package io.mytts.text;

/**
 * Turns raw text into what a voice can read aloud: words instead of digits and symbols, one form
 * of each letter, punctuation unified and whitespace collapsed.
 *
 * <p>Implementations are thread-safe. Bad input (null, text too long) raises
 * {@link io.mytts.InvalidInputException}; anything else gives a (possibly empty) string.
 */
public interface TextNormalizer {

    /** The normalised form of {@code text}. */
    String normalize(String text);

    /** The normaliser of a language with its default options. */
    static TextNormalizer forLanguage(Language language) {
        return switch (language) {
            case EN -> new EnglishNormalizer();
            case FA -> PersianNormalizer.builder().build();
        };
    }
}
