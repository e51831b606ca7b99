package io.mytts.text;

import java.util.List;
import java.util.regex.Matcher;

/**
 * Persian text into one spelling: Arabic letter variants mapped to Persian (ك→ک, ي/ى→ی, ة→ه,
 * إ/ٱ→ا, and أ→ا, ؤ→و at a word's start: inside a word their hamza is said), numbers in Persian,
 * Arabic-Indic or Latin digits spelled out, zero-width non-joiners kept inside words, put after the
 * verb prefixes می/نمی where a space was typed, and cleaned elsewhere, Persian punctuation unified
 * (، ؛ ؟ « »), and optionally the short-vowel diacritics removed.
 *
 * <p>Thread-safe and immutable; build one with {@link #builder()}.
 */
public final class PersianNormalizer implements TextNormalizer {

    private static final char ZWNJ = PersianNumbers.ZWNJ;
    /** Letters that never join the letter after them, so a non-joiner after them is redundant. */
    private static final String NON_JOINING = "اآدذرزژو";

    private static final String NOT_WORD = "(?<![\\p{L}\\p{M}\\p{N}.,])";

    /** The months of the Solar Hijri calendar, Farvardin to Esfand. */
    private static final String[] SOLAR_HIJRI_MONTHS = {"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
        "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"};

    private static final List<Rewrite> NUMBER_RULES = List.of(
            // Solar Hijri dates, year first or last: ۱۴۰۲/۰۵/۱۲ and ۱۲/۰۵/۱۴۰۲ are "دوازدهم مرداد هزار و چهارصد و دو".
            new Rewrite(NOT_WORD + "(1[2-4]\\d{2})([/-])(\\d{1,2})\\2(\\d{1,2})(?![\\d/-])",
                    (m, t) -> date(m.group(), m.group(1), m.group(3), m.group(4))).when("/-"),
            new Rewrite(NOT_WORD + "(\\d{1,2})([/-])(\\d{1,2})\\2(1[2-4]\\d{2})(?![\\d/-])",
                    (m, t) -> date(m.group(), m.group(4), m.group(3), m.group(1))).when("/-"),
            // A day before a month's name is an ordinal: ۲۸ مهر is "بیست و هشتم مهر", ۱ فروردین "اول فروردین".
            new Rewrite(NOT_WORD + "(\\d{1,2})(\\s+(?:" + String.join("|", SOLAR_HIJRI_MONTHS) + ")(?![\\p{L}\\p{M}\\u200C]))",
                    (m, t) -> dayOfMonth(m)).when(Rewrite.DIGITS),
            // Years after "سال" (year) or "متولد" (born in): سال ۱۴۰۲ is "سال هزار و چهارصد و دو", without "یک".
            new Rewrite("(سال|متولد)\\s+(\\d{3,4})(?![\\d.,:/])",
                    (m, t) -> m.group(1) + " " + PersianNumbers.year(Long.parseLong(m.group(2)))).when("لد"),
            // Percentages: ۵٪, 12.5%.
            new Rewrite(NOT_WORD + "(-)?(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.(\\d+))?\\s?[%٪]",
                    (m, t) -> sign(m) + PersianNumbers.decimal(m.group(2), group(m, 3)) + " درصد").when("%٪"),
            // The sign typed before the number, as Persian keyboards often leave it: ٪۷۰ is "هفتاد درصد".
            new Rewrite("(?<![\\p{L}\\p{M}\\p{N}.,])[%٪]\\s?(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.(\\d+))?(?![\\d%٪])",
                    (m, t) -> PersianNumbers.decimal(m.group(1), group(m, 2)) + " درصد").when("%٪"),
            // Ordinals written with digits: ۳ام, ۲۰م, ۵مین, ۲۱ ام.
            new Rewrite("(\\d{1,15})[ \\u200C]?(مین|ام)(?![\\p{L}\\p{M}])", (m, t) -> ordinal(m)).when("م"),
            new Rewrite("(\\d{1,15})(م)(?![\\p{L}\\p{M}])", (m, t) -> ordinal(m)).when("م"),
            // Clock times: ۱۰:۳۰ is "ده و سی دقیقه".
            new Rewrite(NOT_WORD + "([01]?\\d|2[0-3]):([0-5]\\d)(?![\\d:])", (m, t) -> clockTime(m)).when(":"),
            // Every other number: negatives, thousands separators, decimals.
            new Rewrite(NOT_WORD + "(-)?(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.(\\d+))?",
                    (m, t) -> pad(t, m.start() - 1, sign(m) + PersianNumbers.decimal(m.group(2), group(m, 3)), m.end()))
                    .when(Rewrite.DIGITS),
            new Rewrite("\\d+", (m, t) -> pad(t, m.start() - 1, PersianNumbers.integer(m.group()), m.end()))
                    .when(Rewrite.DIGITS));

    /**
     * The verb prefixes می and نمی typed with a space instead of a non-joiner (می خواهم, نمی دانم):
     * espeak-ng reads them as words of their own (mi xˈɑham against mixˈɑham). The next word needs two
     * letters, so "می و" (wine and) stays apart.
     */
    private static final Rewrite VERB_PREFIX = new Rewrite(
            "(?<![\\p{L}\\p{M}\\u200C])(ن?می) +(?=\\p{IsArabic}\\p{IsArabic})", (m, t) -> m.group(1) + ZWNJ)
            .whenContains("می ");

    private static final List<Rewrite> SYMBOL_RULES = List.of(
            Rewrite.literal("°", " درجه ").when("°"),
            Rewrite.literal("&", " و ").when("&"),
            Rewrite.literal("\\+", " به علاوه ").when("+"),
            Rewrite.literal("=", " مساوی ").when("="),
            Rewrite.literal("[%٪]", " درصد ").when("%٪"),
            Rewrite.literal("\\.{3,}", "…").when("."),
            Rewrite.literal("[^\\p{L}\\p{M}\\u200C .!:،؛؟«»…'-]", " "));

    private final boolean removeDiacritics;
    private final boolean removeShadda;

    private PersianNormalizer(Builder b) {
        this.removeDiacritics = b.removeDiacritics;
        this.removeShadda = b.removeShadda;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String normalize(String text) {
        String s = TextCleaner.clean(text, true);
        s = mapCharacters(s);
        s = Rewrite.applyAll(NUMBER_RULES, s);
        s = unifyPunctuation(s);
        s = Rewrite.applyAll(List.of(VERB_PREFIX), s);
        s = Rewrite.applyAll(SYMBOL_RULES, s);
        s = cleanZwnj(TextCleaner.collapseSpaces(s));
        s = TextCleaner.collapseSpaces(s);
        s = TextCleaner.tidyPunctuationSpacing(s, ".!:،؛؟»…");
        return s.replace("« ", "«");
    }

    /** Letter variants, digits and separators to one form; diacritics and tatweel removed. */
    private String mapCharacters(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case 'ك' -> out.append('ک');
                case 'ي', 'ى', 'ې' -> out.append('ی');
                case 'ة', 'ە', 'ھ', 'ہ' -> out.append('ه');
                case 'ۀ' -> out.append("هٔ");
                // Hamza on alef or waw inside a word is a glottal stop espeak-ng says (تأسیس taʔsis, سؤال soʔɑl;
                // تاسیس, سوال read tasis, soɑl): kept there, a plain letter at a word's start (أحمد, إیران).
                case 'أ' -> out.append(startsWord(s, i) ? 'ا' : c);
                case 'ؤ' -> out.append(startsWord(s, i) ? 'و' : c);
                case 'إ', 'ٱ' -> out.append('ا');
                case 'ـ' -> { } // tatweel: a stretch for looks, not a letter
                case '۔' -> out.append('.'); // the Arabic-script full stop (Urdu keyboards): a sentence end
                case '٫' -> out.append(isDigitAt(s, i - 1) && isDigitAt(s, i + 1) ? '.' : '،');
                case '٬' -> out.append(isDigitAt(s, i - 1) && isDigitAt(s, i + 1) ? ',' : '،');
                default -> {
                    if (c >= '۰' && c <= '۹') {
                        out.append((char) ('0' + c - '۰'));
                    } else if (c >= '٠' && c <= '٩') {
                        out.append((char) ('0' + c - '٠'));
                    } else if (!isRemovedDiacritic(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Whether the letter at {@code i} starts a word: nothing, or no letter or mark, before it. */
    private static boolean startsWord(String s, int i) {
        return i == 0 || !(Character.isLetter(s.charAt(i - 1)) || Character.getType(s.charAt(i - 1)) == Character.NON_SPACING_MARK);
    }

    private static boolean isDigitAt(String s, int i) {
        if (i < 0 || i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return (c >= '0' && c <= '9') || (c >= '۰' && c <= '۹') || (c >= '٠' && c <= '٩');
    }

    /** Fatha, kasra, damma, the tanwins and sukun (and shadda when asked) when removal is on. */
    private boolean isRemovedDiacritic(char c) {
        if (!removeDiacritics) {
            return false;
        }
        return (c >= '\u064B' && c <= '\u0650') || c == '\u0652' || c == '\u0670' || (removeShadda && c == '\u0651');
    }

    /** Latin , ; ? become ، ؛ ؟; straight double quotes pair up as « »; a comma between digits stays. */
    private static String unifyPunctuation(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean open = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ',' -> out.append('،');
                case ';' -> out.append('؛');
                case '?' -> out.append('؟');
                case '"' -> {
                    out.append(open ? '«' : '»');
                    open = !open;
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Keeps a non-joiner only between two letters where the first one joins: doubled ones,
     * ones at word edges, next to spaces, punctuation or digits, and ones after a non-joining
     * letter (ا د ذ ر ز ژ و) are removed.
     */
    private static String cleanZwnj(String s) {
        if (s.indexOf(ZWNJ) < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ZWNJ) {
                out.append(c);
                continue;
            }
            int prev = out.length() - 1;
            while (prev >= 0 && Character.getType(out.charAt(prev)) == Character.NON_SPACING_MARK) {
                prev--; // a diacritic belongs to the letter before it
            }
            int next = i + 1;
            while (next < s.length() && s.charAt(next) == ZWNJ) {
                next++;
            }
            boolean letterBefore = prev >= 0 && Character.isLetter(out.charAt(prev))
                    && NON_JOINING.indexOf(out.charAt(prev)) < 0;
            boolean letterAfter = next < s.length() && Character.isLetter(s.charAt(next));
            if (letterBefore && letterAfter) {
                out.append(ZWNJ);
            }
            i = next - 1;
        }
        return out.toString();
    }

    /**
     * A Solar Hijri date read as Persians say it: the day as an ordinal, the month's name, the year
     * ("دوازدهم مرداد هزار و چهارصد و دو"); the text as it was when the month or day is out of range.
     */
    static String date(String original, String year, String month, String day) {
        int mo = Integer.parseInt(month);
        int d = Integer.parseInt(day);
        if (mo < 1 || mo > 12 || d < 1 || d > 31) {
            return original;
        }
        return PersianNumbers.ordinal(d) + " " + SOLAR_HIJRI_MONTHS[mo - 1] + " " + PersianNumbers.year(Long.parseLong(year));
    }

    /** A day of the month (1 to 31) as an ordinal before the month's name; other numbers as cardinals. */
    private static String dayOfMonth(Matcher m) {
        long day = Long.parseLong(m.group(1));
        return (day >= 1 && day <= 31 ? PersianNumbers.ordinal(day) : PersianNumbers.integer(m.group(1))) + m.group(2);
    }

    private static String ordinal(Matcher m) {
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("مین") ? PersianNumbers.ordinalAdjective(n) : PersianNumbers.ordinal(n);
    }

    private static String clockTime(Matcher m) {
        String hour = PersianNumbers.cardinal(Long.parseLong(m.group(1)));
        long minutes = Long.parseLong(m.group(2));
        return minutes == 0 ? hour : hour + " و " + PersianNumbers.cardinal(minutes) + " دقیقه";
    }

    private static String sign(Matcher m) {
        return m.group(1) != null ? "منفی " : "";
    }

    private static String group(Matcher m, int g) {
        return m.group(g) == null ? "" : m.group(g);
    }

    /** Words with a space on each side that touches a letter, so "۵کتاب" reads "پنج کتاب". */
    private static String pad(String text, int before, String words, int after) {
        return Rewrite.spaceIfWordChar(text, before) + words + Rewrite.spaceIfWordChar(text, after);
    }

    /** Options of the Persian normaliser. */
    public static final class Builder {
        private boolean removeDiacritics;
        private boolean removeShadda;

        private Builder() {}

        /** Removes fatha, kasra, damma, the tanwins, sukun and superscript alef (default: keep them). */
        public Builder optRemoveDiacritics(boolean remove) {
            this.removeDiacritics = remove;
            return this;
        }

        /** Also removes shadda (gemination) when diacritics are removed (default: keep it). */
        public Builder optRemoveShadda(boolean remove) {
            this.removeShadda = remove;
            return this;
        }

        public PersianNormalizer build() {
            return new PersianNormalizer(this);
        }
    }
}
