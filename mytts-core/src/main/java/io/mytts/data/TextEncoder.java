package io.mytts.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What feature preparation needs from the text front end: token ids for a transcript, the
 * settings that decide those ids (they are part of the cache's hash), and a way to save the
 * symbol table with the cache.
 */
public interface TextEncoder {

    /** Token ids of a transcript (normalised first where the front end normalises). */
    int[] encode(String text);

    /** Token ids of many transcripts; front ends that start a process per call override it to batch. */
    default java.util.List<int[]> encodeAll(java.util.List<String> texts) {
        return texts.stream().map(this::encode).toList();
    }

    /** Everything the ids depend on (language, normaliser, tokenizer, the symbols in order), as JSON values. */
    Map<String, Object> settings();

    /** Writes the symbol table to {@code file}. */
    void saveSymbols(Path file) throws IOException;
}
