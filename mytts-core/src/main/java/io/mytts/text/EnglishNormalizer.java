package io.mytts.text;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English text into words. In order: currency, times, dates (numeric dates are read in US order,
 * month/day/year), decades and years in context, percentages, ordinals, fractions, Roman numerals
 * after titles and names, abbreviations (with "Dr." and "St." read from context), symbols, and
 * finally every remaining number. Numbers are spelled by ICU4J's rules.
 *
 * <p>Thread-safe and stateless; keeps letter case.
 */
public final class EnglishNormalizer implements TextNormalizer {

    private static final Map<String, String> MONTHS = Map.ofEntries(
            Map.entry("jan", "January"), Map.entry("feb", "February"), Map.entry("mar", "March"),
            Map.entry("apr", "April"), Map.entry("may", "May"), Map.entry("jun", "June"),
            Map.entry("jul", "July"), Map.entry("aug", "August"), Map.entry("sep", "September"),
            Map.entry("oct", "October"), Map.entry("nov", "November"), Map.entry("dec", "December"));
    private static final String[] MONTH_BY_NUMBER = {"January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December"};
    private static final String MONTH = "(January|February|March|April|May|June|July|August|September|October"
            + "|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";

    /** Titles, read before a name; always expanded with their period, without it only before a capital. */
    private static final Map<String, String> TITLES = Map.of("Mrs", "Missus", "Mr", "Mister", "Ms", "Miz",
            "Prof", "Professor", "Capt", "Captain", "Lt", "Lieutenant", "Sgt", "Sergeant", "Rev", "Reverend",
            "Mt", "Mount");
    /** Abbreviations with a period; the period stays when it also ends the sentence. */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("etc", "et cetera"), Map.entry("Jr", "Junior"), Map.entry("Sr", "Senior"),
            Map.entry("Inc", "Incorporated"), Map.entry("Ltd", "Limited"), Map.entry("Co", "Company"),
            Map.entry("Corp", "Corporation"), Map.entry("Ave", "Avenue"), Map.entry("Rd", "Road"),
            Map.entry("Blvd", "Boulevard"), Map.entry("approx", "approximately"), Map.entry("Dept", "Department"),
            Map.entry("Vol", "Volume"), Map.entry("Fig", "Figure"));

    private static final List<String> MONTH_PREFIXES = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
            "Aug", "Sep", "Oct", "Nov", "Dec");
    /** Words after which a Roman numeral is a number: "Chapter IV" is chapter four. */
    private static final List<String> SECTION_WORDS = List.of("Chapter", "Volume", "Vol.", "Part", "Book", "Act",
            "Scene", "Section", "Article", "Appendix", "Phase", "Stage", "Episode", "Season", "Unit", "Lesson");

    private static final Pattern ROMAN = Pattern.compile("M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})");

    /** Words after which "Elm Dr. It ..." ends a sentence rather than introducing Dr. It. */
    private static final Set<String> SENTENCE_STARTERS = Set.of("It", "The", "He", "She", "We", "They", "I", "A",
            "An", "This", "That", "There", "Then", "Our", "My", "His", "Her", "Its", "In", "On", "At", "You");

    private static final List<Rewrite> RULES = List.of(
            // E-mail addresses before anything reads their dots or digits: john.doe@example.com.
            new Rewrite("(?<![\\w.+-])([\\w+-]+(?:\\.[\\w+-]+)*)@([\\p{L}\\d-]+(?:\\.[\\p{L}\\d-]+)+)",
                    (m, t) -> email(m.group(1), m.group(2))).when("@"),
            // Versions with three or more parts: 2.0.1, v1.10.3 ("point" between the parts).
            new Rewrite("(?<![\\w.])([vV])?(\\d+(?:\\.\\d+){2,})(?![\\w]|\\.\\d)",
                    (m, t) -> (m.group(1) != null ? "version " : "") + version(m.group(2))).when(".", Rewrite.DIGITS),
            // Scores before or after the words that announce them: won 3-2, 3-2 vs. Spain.
            new Rewrite("(?:(?<=\\b(?i:won|lost|beat|ended|drew|draw|win|loss|scored|score|led|trail|trailed)\\s)"
                    + "(\\d{1,2})-(\\d{1,2})\\b(?!-\\d))|(?:\\b(\\d{1,2})-(\\d{1,2})(?=\\s+(?i:vs\\b|versus\\b|against\\b)))",
                    (m, t) -> score(m)).when("-", Rewrite.DIGITS),
            // Currency: $3.50, £1, €20, $2.5 million.
            new Rewrite("(?<![\\w.])([$£€])\\s?(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.(\\d+))?"
                    + "(?:\\s?(thousand|million|billion|trillion)\\b)?", (m, t) -> currency(m)).when("$£€", Rewrite.DIGITS),
            // Times: 10:30, 10:05, 10:00, 10:30:15, with optional a.m./pm.
            new Rewrite("\\b([01]?\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d))?(?:\\s?([AaPp])\\.?\\s?[Mm]\\b(\\.?))?",
                    EnglishNormalizer::clockTime).when(":", Rewrite.DIGITS),
            new Rewrite("\\b(1[0-2]|0?[1-9])\\s?([AaPp])\\.?\\s?[Mm]\\b(\\.?)", (m, t) -> EnglishNumbers.cardinal(
                    Long.parseLong(m.group(1))) + ampm(m.group(2), m.group(3), t, m.end())).when("mM", Rewrite.DIGITS),
            // Numeric dates: 12/05/2024 (month/day/year), 2024-12-05.
            new Rewrite("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b", (m, t) -> numericDate(m.group(), m.group(1),
                    m.group(2), m.group(3))).when("/", Rewrite.DIGITS),
            new Rewrite("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b", (m, t) -> numericDate(m.group(), m.group(2),
                    m.group(3), m.group(1))).when("-", Rewrite.DIGITS),
            // Dates with month names: March 3, 2021; Jan. 5th; 3 March 2021; the 3rd of March; May 2020.
            new Rewrite("\\b" + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?",
                    (m, t) -> monthDay(m)).when(Rewrite.DIGITS).whenContains(MONTH_PREFIXES),
            new Rewrite("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "\\b\\.?(?:,?\\s+(\\d{4})\\b)?",
                    EnglishNormalizer::dayMonth).when(Rewrite.DIGITS).whenContains(MONTH_PREFIXES),
            new Rewrite("\\b" + MONTH + "\\.?\\s+(\\d{4})\\b", (m, t) -> month(m.group(1)) + " "
                    + EnglishNumbers.year(Long.parseLong(m.group(2)))).when(Rewrite.DIGITS).whenContains(MONTH_PREFIXES),
            // Decades: 1990s, 1990's, '90s, 80s.
            new Rewrite("(?<![\\w'])'?(\\d{4}|\\d{2})'?s\\b", (m, t) -> decade(m)).when("s", Rewrite.DIGITS),
            // Years after words that introduce them, and with AD/BC.
            new Rewrite("\\b((?i:in|since|by|from|until|till|of|year|circa|during|before|after|around|early|late|mid"
                    + "|summer|winter|spring|autumn|fall|through|between))\\s+([1-9]\\d{3})\\b(?![.,:/]\\d)",
                    (m, t) -> m.group(1) + " " + EnglishNumbers.year(Long.parseLong(m.group(2)))).when(Rewrite.DIGITS),
            new Rewrite("\\b([1-9]\\d{0,3})\\s?(AD|BC|BCE|CE|A\\.D\\.|B\\.C\\.)(?![\\w])",
                    (m, t) -> EnglishNumbers.year(Long.parseLong(m.group(1))) + " "
                            + spellLetters(m.group(2))).when("ABC", Rewrite.DIGITS),
            // Percentages: 50%, -3.5 %.
            new Rewrite("(?<![\\w.])(-)?(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.(\\d+))?\\s?%",
                    (m, t) -> (m.group(1) != null ? "minus " : "")
                            + EnglishNumbers.decimal(m.group(2), m.group(3) == null ? "" : m.group(3)) + " percent").when("%", Rewrite.DIGITS),
            // Units after a number: 10kg, 5 km, 60 mph, 72°F, 16 GB.
            new Rewrite("(?<![\\w.])(-)?(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.(\\d+))?\\s?(" + EnglishUnits.ALTERNATION
                    + ")(?![\\w/])", (m, t) -> measure(m)).when(EnglishUnits.TRIGGERS, Rewrite.DIGITS),
            // Ordinals: 1st, 22nd, 103rd, 4th.
            new Rewrite("\\b(\\d{1,3}(?:,\\d{3})+|\\d{1,15})(?i:st|nd|rd|th)\\b",
                    (m, t) -> EnglishNumbers.ordinal(Long.parseLong(m.group(1).replace(",", "")))).when("snrtSNRT", Rewrite.DIGITS),
            // Proper fractions: 1/2, 3/4, 2/3.
            new Rewrite("(?<![\\w/.])(\\d{1,3})/(\\d{1,3})(?![\\w/])", (m, t) -> fraction(m)).when("/", Rewrite.DIGITS),
            // Roman numerals after section words (Chapter IV) and after names (King George III).
            new Rewrite("\\b(" + String.join("|", SECTION_WORDS).replace(".", "\\.") + ")\\s+([IVXLCDM]+)\\b",
                    (m, t) -> sectionNumeral(m)).when("IVXLCDM").whenContains(SECTION_WORDS),
            new Rewrite("\\b(\\p{Lu}\\p{Ll}+)\\s+([IVX]{2,})\\b", (m, t) -> regnalNumeral(m)).whenContains("II", "IV", "VI", "IX", "XI", "XV", "XX"),
            // Abbreviations and titles.
            new Rewrite("\\b(Dr|St)\\b(\\.?)", EnglishNormalizer::doctorOrDrive).whenContains("Dr", "St"),
            new Rewrite("\\b(" + String.join("|", TITLES.keySet()) + ")(?:\\.|\\b(?=\\s+\\p{Lu}))",
                    (m, t) -> TITLES.get(m.group(1))).whenContains(TITLES.keySet()),
            new Rewrite("\\b(" + String.join("|", ABBREVIATIONS.keySet()) + ")\\.",
                    (m, t) -> ABBREVIATIONS.get(m.group(1)) + (Rewrite.endsSentence(t, m.end()) ? "." : ""))
                    .when(".").whenContains(ABBREVIATIONS.keySet()),
            // "vs." never ends a sentence: a contest always has a second side.
            new Rewrite("\\bvs\\b\\.?", (m, t) -> "versus").when("v"),
            new Rewrite("\\b(?:e\\.g\\.|eg\\.)", (m, t) -> "for example").when("."),
            new Rewrite("\\bi\\.e\\.", (m, t) -> "that is").when("."),
            new Rewrite("\\b(?i:no)\\.(?=\\s?\\d)", (m, t) -> "number").when(".", Rewrite.DIGITS),
            new Rewrite("\\b([ap])\\.m\\.", (m, t) -> m.group(1) + " m" + (Rewrite.endsSentence(t, m.end()) ? "." : "")).when("."),
            new Rewrite("\\b((?:\\p{Lu}\\.){2,})", (m, t) -> spellLetters(m.group(1))
                    + (Rewrite.endsSentence(t, m.end()) ? "." : "")).when("."),
            // Phone numbers (555-1234, 212-555-1234, (555) 123-4567, +1 555 123-4567) digit by digit in groups.
            new Rewrite("(?<![\\w-])(?:\\+(\\d{1,3})[\\s-]?)?(?:\\((\\d{3})\\)\\s?|(\\d{3})[-\\s])?(\\d{3})-(\\d{4})(?![\\w-])",
                    (m, t) -> phoneNumber(m)).when("-", Rewrite.DIGITS),
            new Rewrite("\\b(?:https?://)?(?:www\\.)?[\\p{L}\\d-]+(?:\\.[\\p{L}\\d-]+)*\\.(?:com|org|net|edu|gov|io|ir|uk)\\b",
                    (m, t) -> webAddress(m.group())).whenContains(".com", ".org", ".net", ".edu", ".gov", ".io", ".ir", ".uk"),
            // Symbols.
            new Rewrite("°\\s?C\\b", (m, t) -> " degrees Celsius").when("°"),
            new Rewrite("°\\s?F\\b", (m, t) -> " degrees Fahrenheit").when("°"),
            Rewrite.literal("°", " degrees ").when("°"),
            Rewrite.literal("&", " and ").when("&"),
            Rewrite.literal("@", " at ").when("@"),
            Rewrite.literal("\\+", " plus ").when("+"),
            Rewrite.literal("=", " equals ").when("="),
            Rewrite.literal("%", " percent ").when("%"),
            Rewrite.literal("#(?=\\s?\\d)", " number ").when("#"),
            Rewrite.literal("(?<=\\p{L})/(?=\\p{L})", " ").when("/"),
            Rewrite.literal("/", " slash ").when("/"),
            Rewrite.literal("[$£€]", " ").when("$£€", Rewrite.DIGITS),
            // Numbers: -5, 1,234, 3.14, .5; then any digits left (COVID19).
            new Rewrite("(?<![\\w.])(-)?(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.(\\d+))?", (m, t) -> number(m, t)).when(Rewrite.DIGITS),
            new Rewrite("(?<![\\w.])\\.(\\d+)", (m, t) -> "point " + EnglishNumbers.digits(m.group(1))).when("."),
            new Rewrite("\\d+", (m, t) -> Rewrite.spaceIfWordChar(t, m.start() - 1)
                    + EnglishNumbers.integer(m.group()) + Rewrite.spaceIfWordChar(t, m.end())).when(Rewrite.DIGITS),
            // Anything that is not a letter or sentence punctuation becomes a space.
            Rewrite.literal("[^\\p{L}\\p{M} .,!?;:'\"-]", " "));

    /** Long text is normalised a sentence at a time, so that each sentence meets only the rules it triggers. */
    private static final int PIECEWISE_LENGTH = 2_000;
    private static final SentenceSplitter SENTENCES = SentenceSplitter.create();

    @Override
    public String normalize(String text) {
        String s = stripAccents(TextCleaner.clean(text, false));
        if (s.length() <= PIECEWISE_LENGTH) {
            s = Rewrite.applyAll(RULES, s);
        } else {
            StringBuilder out = new StringBuilder(s.length() + s.length() / 4);
            for (String sentence : SENTENCES.sentences(s)) {
                out.append(Rewrite.applyAll(RULES, sentence)).append(' ');
            }
            s = out.toString();
        }
        s = TextCleaner.collapseSpaces(s);
        return TextCleaner.tidyPunctuationSpacing(s, ".,!?;:");
    }

    /** "café" becomes "cafe": English voices have no accented letters. */
    private static String stripAccents(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            return s;
        }
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            boolean latinMark = Character.getType(c) == Character.NON_SPACING_MARK && c >= 0x0300 && c <= 0x036F;
            if (!latinMark) {
                out.append(c);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    private static String currency(Matcher m) {
        String symbol = m.group(1);
        String whole = m.group(2);
        String fraction = m.group(3) == null ? "" : m.group(3);
        String scale = m.group(4);
        String[] unit = switch (symbol) {
            case "£" -> new String[] {"pound", "pounds", "penny", "pence"};
            case "€" -> new String[] {"euro", "euros", "cent", "cents"};
            default -> new String[] {"dollar", "dollars", "cent", "cents"};
        };
        if (scale != null) {
            return EnglishNumbers.decimal(whole, fraction) + " " + scale + " " + unit[1];
        }
        if (fraction.length() > 2) {
            return EnglishNumbers.decimal(whole, fraction) + " " + unit[1];
        }
        boolean one = whole.replace(",", "").replaceFirst("^0+(?=\\d)", "").equals("1");
        String main = EnglishNumbers.integer(whole.replaceFirst("^0+(?=\\d)", "")) + " " + (one ? unit[0] : unit[1]);
        int cents = fraction.isEmpty() ? 0 : Integer.parseInt(fraction) * (fraction.length() == 1 ? 10 : 1);
        if (cents == 0) {
            return main;
        }
        String sub = EnglishNumbers.cardinal(cents) + " " + (cents == 1 ? unit[2] : unit[3]);
        boolean noWhole = whole.replace(",", "").matches("0+");
        return noWhole ? sub : main + " and " + sub;
    }

    private static String clockTime(Matcher m, String text) {
        String hour = EnglishNumbers.cardinal(Long.parseLong(m.group(1)));
        String minutes = m.group(2);
        boolean hasAmPm = m.group(4) != null;
        String out;
        if (minutes.equals("00")) {
            out = hasAmPm ? hour : hour + " o'clock";
        } else if (minutes.charAt(0) == '0') {
            out = hour + " oh " + EnglishNumbers.cardinal(minutes.charAt(1) - '0');
        } else {
            out = hour + " " + EnglishNumbers.cardinal(Long.parseLong(minutes));
        }
        if (m.group(3) != null) {
            long s = Long.parseLong(m.group(3));
            out += " and " + EnglishNumbers.cardinal(s) + (s == 1 ? " second" : " seconds");
        }
        return hasAmPm ? out + ampm(m.group(4), m.group(5), text, m.end()) : out;
    }

    /** " a m" or " p m", keeping the abbreviation's period when it ends the sentence. */
    private static String ampm(String letter, String period, String text, int end) {
        String s = " " + letter.toLowerCase(Locale.ROOT) + " m";
        return !period.isEmpty() && Rewrite.endsSentence(text, end) ? s + "." : s;
    }

    private static String numericDate(String original, String month, String day, String year) {
        int mo = Integer.parseInt(month);
        int d = Integer.parseInt(day);
        if (mo > 12 && d <= 12) { // 25/12/2024 can only be day/month
            int swap = mo;
            mo = d;
            d = swap;
        }
        String read = date(Long.parseLong(year), mo, d);
        return read == null ? original : read;
    }

    /**
     * A date from its numbers, any of them absent (null): "December fifth, twenty twenty-four",
     * "December fifth", "December twenty twenty-four", "twenty twenty-four"; null when the month or
     * day is out of range. The plain-text date rules and say-as dates both read dates here.
     */
    static String date(Long year, Integer month, Integer day) {
        if ((month != null && (month < 1 || month > 12)) || (day != null && (day < 1 || day > 31))) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        if (month != null) {
            out.append(MONTH_BY_NUMBER[month - 1]);
        }
        if (day != null) {
            out.append(out.length() > 0 ? " " : "the ").append(EnglishNumbers.ordinal(day));
        }
        if (year != null) {
            out.append(day != null && month != null ? ", " : out.length() > 0 ? " " : "")
                    .append(EnglishNumbers.year(year));
        }
        return out.toString();
    }

    private static String month(String name) {
        return MONTHS.get(name.substring(0, 3).toLowerCase(Locale.ROOT));
    }

    private static String monthDay(Matcher m) {
        int day = Integer.parseInt(m.group(2));
        if (day < 1 || day > 31) {
            return m.group();
        }
        String out = month(m.group(1)) + " " + EnglishNumbers.ordinal(day);
        return m.group(3) == null ? out : out + ", " + EnglishNumbers.year(Long.parseLong(m.group(3)));
    }

    private static String dayMonth(Matcher m, String text) {
        int day = Integer.parseInt(m.group(1));
        if (day < 1 || day > 31) {
            return m.group();
        }
        boolean afterThe = text.substring(Math.max(0, m.start() - 4), m.start()).equalsIgnoreCase("the ");
        String out = (afterThe ? "" : "the ") + EnglishNumbers.ordinal(day) + " of " + month(m.group(2));
        return m.group(3) == null ? out : out + ", " + EnglishNumbers.year(Long.parseLong(m.group(3)));
    }

    private static String decade(Matcher m) {
        String ds = m.group(1);
        long n = Long.parseLong(ds);
        if (n % 10 != 0 || ds.charAt(0) == '0') {
            return m.group();
        }
        return EnglishNumbers.pluralOfLastWord(ds.length() == 4 ? EnglishNumbers.year(n) : EnglishNumbers.cardinal(n));
    }

    private static String fraction(Matcher m) {
        long num = Long.parseLong(m.group(1));
        long den = Long.parseLong(m.group(2));
        if (num < 1 || den < 2 || num >= den) {
            return m.group();
        }
        String denominator = den == 2 ? "half" : den == 4 ? "quarter" : EnglishNumbers.ordinal(den);
        if (num > 1) {
            denominator = den == 2 ? "halves" : denominator + "s";
        }
        return EnglishNumbers.cardinal(num) + " " + denominator;
    }

    private static String sectionNumeral(Matcher m) {
        String word = m.group(1).equals("Vol.") ? "Volume" : m.group(1);
        long n = romanValue(m.group(2));
        return n > 0 ? word + " " + EnglishNumbers.cardinal(n) : m.group();
    }

    private static String regnalNumeral(Matcher m) {
        long n = romanValue(m.group(2));
        if (n <= 0) {
            return m.group();
        }
        String name = m.group(1);
        return name.equals("War") ? name + " " + EnglishNumbers.cardinal(n)
                : name + " the " + EnglishNumbers.ordinal(n);
    }

    /** The value of a well-formed Roman numeral, or 0. */
    static long romanValue(String r) {
        if (r.isEmpty() || !ROMAN.matcher(r).matches()) {
            return 0;
        }
        long total = 0;
        for (int i = 0; i < r.length(); i++) {
            int v = romanDigit(r.charAt(i));
            int next = i + 1 < r.length() ? romanDigit(r.charAt(i + 1)) : 0;
            total += v < next ? -v : v;
        }
        return total;
    }

    private static int romanDigit(char c) {
        return switch (c) {
            case 'I' -> 1;
            case 'V' -> 5;
            case 'X' -> 10;
            case 'L' -> 50;
            case 'C' -> 100;
            case 'D' -> 500;
            default -> 1000;
        };
    }

    /**
     * "Dr." is Doctor and "St." Saint before a name ("Dr. Smith", "St. Louis"), but Drive and
     * Street after one ("Elm Dr.", "Main St.") when no name follows.
     */
    private static String doctorOrDrive(Matcher m, String text) {
        boolean doctor = m.group(1).equals("Dr");
        String previous = wordBefore(text, m.start());
        String next = wordAfter(text, m.end());
        boolean afterName = !previous.isEmpty()
                && (Character.isUpperCase(previous.charAt(0)) || Character.isDigit(previous.charAt(previous.length() - 1)));
        boolean beforeName = !next.isEmpty() && Character.isUpperCase(next.charAt(0)) && !SENTENCE_STARTERS.contains(next);
        if (afterName && !beforeName) {
            boolean keepPeriod = !m.group(2).isEmpty() && Rewrite.endsSentence(text, m.end());
            return (doctor ? "Drive" : "Street") + (keepPeriod ? "." : "");
        }
        return doctor ? "Doctor" : "Saint";
    }

    private static String wordBefore(String text, int index) {
        int end = index;
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start, end);
    }

    private static String wordAfter(String text, int index) {
        int start = index;
        while (start < text.length() && text.charAt(start) == ' ') {
            start++;
        }
        int end = start;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }

    private static String phoneNumber(Matcher m) {
        List<String> groups = new java.util.ArrayList<>();
        for (int g = 2; g <= 5; g++) {
            if (m.group(g) != null) {
                groups.add(m.group(g));
            }
        }
        String number = telephone(groups);
        return m.group(1) == null ? number : "plus " + EnglishNumbers.digits(m.group(1)) + ", " + number;
    }

    /** Digit groups of a telephone number, each read digit by digit, with a pause between groups. */
    static String telephone(List<String> groups) {
        StringBuilder out = new StringBuilder();
        for (String g : groups) {
            out.append(out.length() > 0 ? ", " : "").append(EnglishNumbers.digits(g));
        }
        return out.toString();
    }

    /** "john.doe" at "example.com": each dot a "dot", underscores, dashes and pluses named. */
    private static String email(String local, String domain) {
        String user = local.replace(".", " dot ").replace("_", " underscore ").replace("-", " dash ")
                .replace("+", " plus ");
        return user + " at " + String.join(" dot ", domain.split("\\."));
    }

    /** "2.0.1" is "two point zero point one"; a part with a leading zero is read digit by digit. */
    private static String version(String dotted) {
        StringBuilder out = new StringBuilder();
        for (String part : dotted.split("\\.")) {
            out.append(out.length() > 0 ? " point " : "").append(EnglishNumbers.integer(part));
        }
        return out.toString();
    }

    /** "3-2" in a score is "three to two". */
    private static String score(Matcher m) {
        String a = m.group(1) != null ? m.group(1) : m.group(3);
        String b = m.group(1) != null ? m.group(2) : m.group(4);
        return EnglishNumbers.cardinal(Long.parseLong(a)) + " to " + EnglishNumbers.cardinal(Long.parseLong(b));
    }

    /** A number and its unit: singular after exactly one ("1 kg" one kilogram). */
    private static String measure(Matcher m) {
        String fraction = m.group(3) == null ? "" : m.group(3);
        boolean one = fraction.isEmpty() && m.group(2).equals("1");
        return (m.group(1) != null ? "minus " : "") + EnglishNumbers.decimal(m.group(2), fraction) + " "
                + EnglishUnits.words(m.group(4), one);
    }

    /** "www.example.com" is read "w w w dot example dot com". */
    private static String webAddress(String address) {
        String s = address.replaceFirst("^https?://", "");
        StringBuilder out = new StringBuilder();
        for (String part : s.split("\\.")) {
            if (out.length() > 0) {
                out.append(" dot ");
            }
            out.append(part.equals("www") ? "w w w" : part);
        }
        return out.toString();
    }

    /** "U.S.A." becomes "U S A"; "BC" becomes "B C". */
    static String spellLetters(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String number(Matcher m, String text) {
        String fraction = m.group(3) == null ? "" : m.group(3);
        String words = (m.group(1) != null ? "minus " : "") + EnglishNumbers.decimal(m.group(2), fraction);
        return Rewrite.spaceIfWordChar(text, m.start() - 1) + words + Rewrite.spaceIfWordChar(text, m.end());
    }
}
