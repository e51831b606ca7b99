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

    /** Longer integers are read digit by digit (phone-number style): nobody says "quadrillion". */
    static final int MAX_SPELLED_DIGITS = 15;

    /** Whether an integer's digits are read one by one: a leading zero ("007") or too many digits. */
    static boolean readDigitByDigit(String digits) {
        return (digits.length() > 1 && digits.charAt(0) == '0') || digits.length() > MAX_SPELLED_DIGITS;
    }

    /** The ASCII digits of {@code ds}, each as its word from {@code digitWords}, separated by spaces. */
    static String digitByDigit(CharSequence ds, String[] digitWords) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ds.length(); i++) {
            char c = ds.charAt(i);
            if (c >= '0' && c <= '9') {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(digitWords[c - '0']);
            }
        }
        return out.toString();
    }
}
