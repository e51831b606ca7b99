package io.mytts.text;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;

/** English numbers in words, from ICU4J's spell-out rules (cardinal, ordinal, year). */
final class EnglishNumbers {

    private static final String[] DIGITS = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

    // RuleBasedNumberFormat is not thread-safe: one per thread.
    private static final ThreadLocal<RuleBasedNumberFormat> SPELLOUT = ThreadLocal.withInitial(
            () -> new RuleBasedNumberFormat(ULocale.ENGLISH, RuleBasedNumberFormat.SPELLOUT));

    /** Spelling a number with ICU takes microseconds; the small ones recur, so they are kept. */
    private static final NumberWords CARDINALS = new NumberWords(n -> SPELLOUT.get().format(n, "%spellout-cardinal"));
    private static final NumberWords ORDINALS = new NumberWords(n -> SPELLOUT.get().format(n, "%spellout-ordinal"));
    private static final NumberWords YEARS = new NumberWords(
            n -> SPELLOUT.get().format(n, "%spellout-numbering-year").replace("oh-", "oh "));

    private EnglishNumbers() {}

    static String cardinal(long n) {
        return CARDINALS.get(n);
    }

    static String ordinal(long n) {
        return ORDINALS.get(n);
    }

    /** 1999 "nineteen ninety-nine", 2005 "two thousand five", 1905 "nineteen oh five". */
    static String year(long n) {
        return YEARS.get(n);
    }

    /** Each digit as a word: "007" is "zero zero seven". */
    static String digits(CharSequence ds) {
        return NumberWords.digitByDigit(ds, DIGITS);
    }

    /**
     * An integer written with optional thousands commas: a cardinal, or digit by digit when it has a
     * leading zero or more than {@link NumberWords#MAX_SPELLED_DIGITS} digits.
     */
    static String integer(String written) {
        String ds = written.replace(",", "");
        if (ds.isEmpty()) {
            return "";
        }
        if (NumberWords.readDigitByDigit(ds)) {
            return digits(ds);
        }
        return cardinal(Long.parseLong(ds));
    }

    /** "3.14" is "three point one four"; the fraction is always read digit by digit. */
    static String decimal(String integerPart, String fraction) {
        String whole = integerPart.isEmpty() ? "zero" : integer(integerPart);
        return fraction.isEmpty() ? whole : whole + " point " + digits(fraction);
    }

    /** Plural of a number word for decades: "nineties", "hundreds". */
    static String pluralOfLastWord(String words) {
        if (words.endsWith("y")) {
            return words.substring(0, words.length() - 1) + "ies";
        }
        return words + "s";
    }
}
