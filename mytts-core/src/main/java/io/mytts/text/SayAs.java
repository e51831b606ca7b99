package io.mytts.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text read as a given kind of thing (SSML's {@code say-as}): spelled letter by letter, as a
 * cardinal or ordinal number, digit by digit, as a date, a time or a telephone number. Each kind
 * reads with the same code as the plain-text rules of {@link EnglishNormalizer} and
 * {@link PersianNormalizer} (dates, phone numbers, number words), so a say-as reading and the
 * reading of the same thing in running text agree.
 *
 * <p>What cannot be read as the kind asked for (letters given as a cardinal, a date with a month
 * of 13) is returned as it came, for the normaliser to read as plain text.
 */
public final class SayAs {

    /** The kinds of {@code interpret-as}, with the SSML names that select them. */
    public enum Kind {
        CHARACTERS("characters", "spell-out", "letters"),
        CARDINAL("cardinal", "number"),
        ORDINAL("ordinal"),
        DIGITS("digits"),
        DATE("date"),
        TIME("time"),
        TELEPHONE("telephone");

        private final List<String> names;

        Kind(String... names) {
            this.names = List.of(names);
        }

        /** The kind an {@code interpret-as} value names, if any (case does not matter). */
        public static Optional<Kind> of(String interpretAs) {
            String s = interpretAs == null ? "" : interpretAs.trim().toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.names.contains(s)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    private static final Pattern NUMBER = Pattern.compile("(-)?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?");
    private static final Pattern ORDINAL = Pattern.compile("(\\d+)(?:st|nd|rd|th|م|ام|مین)?");
    private static final Pattern DATE_FORMAT = Pattern.compile("[ymd]{1,3}");
    private static final TextNormalizer ENGLISH = new EnglishNormalizer();
    private static final TextNormalizer PERSIAN = PersianNormalizer.builder().build();

    private SayAs() {}

    /**
     * {@code text} read as {@code kind} in {@code language}.
     *
     * @param format SSML's {@code format} attribute: for dates the order of the fields, such as
     *     {@code mdy}, {@code dmy}, {@code ymd}, {@code md} or {@code y} (default: {@code mdy} in
     *     English, {@code ymd} in Persian); ignored by the other kinds; may be null
     */
    public static String read(Kind kind, String text, String format, Language language) {
        String t = asciiDigits(text.strip());
        boolean fa = language == Language.FA;
        String read = switch (kind) {
            case CHARACTERS -> characters(t, fa);
            case CARDINAL -> cardinal(t, fa);
            case ORDINAL -> ordinal(t, fa);
            case DIGITS -> t.chars().anyMatch(Character::isDigit)
                    ? (fa ? PersianNumbers.digits(t) : EnglishNumbers.digits(t)) : null;
            case DATE -> date(t, format, fa);
            case TIME -> (fa ? PERSIAN : ENGLISH).normalize(t);
            case TELEPHONE -> telephone(t, fa);
        };
        return read == null ? text : read;
    }

    /** Each letter on its own, and each digit as its word: "IBM" is "I B M", "A4" is "A four". */
    private static String characters(String t, boolean fa) {
        List<String> out = new ArrayList<>();
        t.codePoints().forEach(cp -> {
            if (cp >= '0' && cp <= '9') {
                out.add(fa ? PersianNumbers.digits(String.valueOf((char) cp)) : EnglishNumbers.digits(String.valueOf((char) cp)));
            } else if (Character.isLetter(cp)) {
                out.add(new String(Character.toChars(cp)));
            }
        });
        return out.isEmpty() ? null : String.join(" ", out);
    }

    private static String cardinal(String t, boolean fa) {
        Matcher m = NUMBER.matcher(t);
        if (!m.matches()) {
            return null;
        }
        String fraction = m.group(3) == null ? "" : m.group(3);
        String sign = m.group(1) == null ? "" : fa ? "منفی " : "minus ";
        return sign + (fa ? PersianNumbers.decimal(m.group(2), fraction) : EnglishNumbers.decimal(m.group(2), fraction));
    }

    private static String ordinal(String t, boolean fa) {
        Matcher m = ORDINAL.matcher(t.replace(",", ""));
        if (!m.matches() || m.group(1).length() > NumberWords.MAX_SPELLED_DIGITS) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return fa ? PersianNumbers.ordinal(n) : EnglishNumbers.ordinal(n);
    }

    /** The date's numbers in the order {@code format} gives; null when they do not fit it. */
    private static String date(String t, String format, boolean fa) {
        String order = format == null || format.isBlank() ? (fa ? "ymd" : "mdy") : format.trim().toLowerCase(Locale.ROOT);
        String[] fields = t.split("[-/. ]+");
        if (!DATE_FORMAT.matcher(order).matches() || fields.length != order.length()) {
            return null;
        }
        Long year = null;
        Integer month = null;
        Integer day = null;
        for (int i = 0; i < fields.length; i++) {
            if (!fields[i].matches("\\d{1,4}")) {
                return null;
            }
            int v = Integer.parseInt(fields[i]);
            switch (order.charAt(i)) {
                case 'y' -> year = (long) v;
                case 'm' -> month = v;
                default -> day = v;
            }
        }
        if (fa) {
            if (year != null && month != null && day != null) {
                String read = PersianNormalizer.date("", String.valueOf(year), String.valueOf(month), String.valueOf(day));
                return read.isEmpty() ? null : read;
            }
            return year != null && month == null && day == null ? PersianNumbers.year(year) : null;
        }
        return EnglishNormalizer.date(year, month, day);
    }

    /** Digit groups, each digit by digit, a leading + read as "plus": "+1 (555) 123-4567". */
    private static String telephone(String t, boolean fa) {
        List<String> groups = new ArrayList<>();
        for (String g : t.split("\\D+")) {
            if (!g.isEmpty()) {
                groups.add(g);
            }
        }
        if (groups.isEmpty()) {
            return null;
        }
        String plus = t.startsWith("+") ? (fa ? "به علاوه " : "plus ") : "";
        if (fa) {
            List<String> read = new ArrayList<>();
            groups.forEach(g -> read.add(PersianNumbers.digits(g)));
            return plus + String.join("، ", read);
        }
        return plus + EnglishNormalizer.telephone(groups);
    }

    /** Persian and Arabic-Indic digits as ASCII ones, so one set of patterns reads them all. */
    private static String asciiDigits(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '۰' && c <= '۹') {
                out.append((char) ('0' + c - '۰'));
            } else if (c >= '٠' && c <= '٩') {
                out.append((char) ('0' + c - '٠'));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
