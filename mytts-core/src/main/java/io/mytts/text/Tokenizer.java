package io.mytts.text;

/**
 * Normalised text to the ids a model reads, and back.
 *
 * <p>{@link #encode(String)} appends the end-of-sequence id. A symbol the table does not know is
 * dropped, counted in {@link #droppedSymbolCount()} and reported in one warning per call: never
 * an exception. Implementations are thread-safe.
 */
public interface Tokenizer {

    /** The ids of {@code normalizedText}, ending with the end-of-sequence id. */
    int[] encode(String normalizedText);

    /** As {@link #encode(String)}, for text known to be in {@code language} (phonemes need the voice). */
    default int[] encode(String normalizedText, Language language) {
        return encode(normalizedText);
    }

    /** The symbols of {@code ids} as text; padding and end-of-sequence ids are skipped. */
    String decode(int[] ids);

    /** The table that maps symbols to ids. */
    SymbolTable symbols();

    /** How many unknown symbols this tokenizer has dropped since it was made. */
    long droppedSymbolCount();
}
