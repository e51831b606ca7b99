package io.mytts.text;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;

/**
 * Persian numbers in words. ICU4J's {@code fa} rules spell cardinals; ordinals and decimals are
 * ours, because ICU has no Persian ordinal rule and reads decimals digit by digit ("ممیز").
 */
final class PersianNumbers {

    static final char ZWNJ = '\u200C';

    private static final String[] DIGITS = {"صفر", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"};
    /** The denominators of decimal fractions: 0.5 is five tenths, 0.25 twenty-five hundredths. */
    private static final String[] FRACTION_UNITS = {
        "", "دهم", "صدم", "هزارم", "ده هزارم", "صد هزارم", "میلیونم"};

    private static final ThreadLocal<RuleBasedNumberFormat> SPELLOUT = ThreadLocal.withInitial(
            () -> new RuleBasedNumberFormat(new ULocale("fa"), RuleBasedNumberFormat.SPELLOUT));

    private static final NumberWords CARDINALS = new NumberWords(n -> SPELLOUT.get().format(n, "%spellout-cardinal"));

    private PersianNumbers() {}

    static String cardinal(long n) {
        return CARDINALS.get(n);
    }

    /**
     * A year: the cardinal without the leading "یک" of the thousands (۱۴۰۲ is "هزار و چهارصد و دو",
     * as years are said, where ICU spells the count "یک هزار و چهارصد و دو").
     */
    static String year(long n) {
        String words = cardinal(n);
        String one = cardinal(1) + " ";
        return n >= 1000 && n < 2000 && words.startsWith(one) ? words.substring(one.length()) : words;
    }

    /**
     * The ordinal with the suffix "م": 2 دوم, 21 بیست و یکم, 3 سوم (not سه‌م), 30 سی‌ام (a vowel
     * ending takes "ام" after a non-joiner), and 1 اول.
     */
    static String ordinal(long n) {
        if (n == 1) {
            return "اول";
        }
        String words = cardinal(n);
        if (words.equals("سه") || words.endsWith(" سه")) {
            return words.substring(0, words.length() - 2) + "سوم";
        }
        if (words.endsWith("ی")) {
            return words + ZWNJ + "ام";
        }
        return words + "م";
    }

    /** The ordinal adjective with "مین": اولین, دومین, سومین, بیست و یکمین, سی‌امین. */
    static String ordinalAdjective(long n) {
        return ordinal(n) + "ین";
    }

    static String digits(CharSequence ds) {
        return NumberWords.digitByDigit(ds, DIGITS);
    }

    /** An integer (ASCII digits, optional thousands commas); digit by digit with a leading zero or when very long. */
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

    /**
     * A decimal read as Persian speakers read it: ۳٫۵ is "سه و پنج دهم", ۰٫۲۵ is "بیست و پنج صدم".
     * Fractions longer than six digits are read digit by digit after "ممیز".
     */
    static String decimal(String integerPart, String fraction) {
        String whole = integerPart.isEmpty() ? "" : integer(integerPart);
        if (fraction.isEmpty()) {
            return whole.isEmpty() ? DIGITS[0] : whole;
        }
        if (fraction.length() >= FRACTION_UNITS.length) {
            return (whole.isEmpty() ? DIGITS[0] : whole) + " ممیز " + digits(fraction);
        }
        long tenths = Long.parseLong(fraction);
        if (tenths == 0) {
            return whole.isEmpty() ? DIGITS[0] : whole;
        }
        String part = cardinal(tenths) + " " + FRACTION_UNITS[fraction.length()];
        boolean noWhole = whole.isEmpty() || integerPart.replace(",", "").matches("0+");
        return noWhole ? part : whole + " و " + part;
    }
}
