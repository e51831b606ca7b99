package io.mytts.text;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongFunction;

/** Number words with the first {@value #CACHED} numbers remembered (filled on first use, thread-safe). */
final class NumberWords {

    static final int CACHED = 10_000;

    private final LongFunction<String> spell;
    private final AtomicReferenceArray<String> cache = new AtomicReferenceArray<>(CACHED);

    NumberWords(LongFunction<String> spell) {
        this.spell = spell;
    }

    String get(long n) {
        if (n < 0 || n >= CACHED) {
            return spell.apply(n);
        }
        String words = cache.get((int) n);
        if (words == null) {
            words = spell.apply(n);
            cache.set((int) n, words);
        }
        return words;
    }
}
