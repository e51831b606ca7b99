package io.mytts.text;

import io.mytts.InvalidInputException;
import java.text.Normalizer;

/**
 * The steps both languages share before their own rules: refuse null and absurdly long text, fold
 * compatibility forms (NFKC: presentation forms, full-width digits, ligatures), turn the digits of
 * every script into ASCII digits, drop what cannot be spoken (lone surrogates, control and format characters, emoji, private-use characters), and
 * unify quotes, dashes and whitespace.
 */
final class TextCleaner {

    /** 16 million characters: far more than any sensible request, small enough to stay in memory. */
    static final int MAX_LENGTH = 16 * 1024 * 1024;

    static final char ZWNJ = '\u200C';

    private TextCleaner() {}

    static void check(String text) {
        if (text == null) {
            throw new InvalidInputException("no text was given (null)");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException("the text is " + text.length() + " characters long; the limit is "
                    + MAX_LENGTH + ": split it into smaller pieces");
        }
    }

    /**
     * Cleans {@code text}: NFKC, speakable characters only, quotes and dashes unified. For
     * {@code persian} text the zero-width non-joiner (used inside words) and guillemets are kept.
     */
    static String clean(String text, boolean persian) {
        check(text);
        String s = dropUnspeakable(text, persian);
        s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\u201C', '\u201E' -> out.append(persian ? '\u00AB' : '"');
                case '\u201D', '\u201F' -> out.append(persian ? '\u00BB' : '"');
                case '\u00AB', '\u00BB' -> out.append(persian ? c : '"');
                case '\u2033' -> out.append('"');
                case '\u2044', '\u2215' -> out.append('/');
                case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u2039', '\u203A', '`', '\u00B4' -> out.append('\'');
                case '\u2010', '\u2011' -> out.append('-');
                case '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> out.append(c == '\u2212' ? "-" : " - ");
                default -> out.append(c);
            }
        }
        return collapseSpaces(out);
    }

    /** Removes characters no voice can say; control characters and line breaks become spaces. */
    private static String dropUnspeakable(String text, boolean keepZwnj) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(i + 1));
                    if (speakable(cp)) {
                        out.appendCodePoint(cp);
                    }
                    i += 2;
                } else {
                    i++; // a lone surrogate: not a character at all
                }
                continue;
            }
            if (c == ZWNJ) {
                out.append(keepZwnj ? c : ' ');
            } else if (Character.isWhitespace(c) || Character.getType(c) == Character.CONTROL
                    || c == '\u00A0' || c == '\u2028' || c == '\u2029') {
                out.append(' ');
            } else if (c > 0x7F && Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                out.append((char) ('0' + Character.digit(c, 10))); // Persian, Arabic-Indic and other digits
            } else if (speakable(c)) {
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    private static boolean speakable(int cp) {
        if (cp == '\u00B0') {
            return true; // the degree sign is read by the normalisers
        }
        if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
            return false; // variation selectors (emoji presentation)
        }
        return switch (Character.getType(cp)) {
            case Character.OTHER_SYMBOL, Character.FORMAT, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.SURROGATE, Character.ENCLOSING_MARK, Character.CONTROL -> false;
            case Character.MODIFIER_SYMBOL -> cp == '^' || cp == '`' || cp == '\u00B4';
            default -> true;
        };
    }

    /** Runs of whitespace become one space; no space at either end. */
    static String collapseSpaces(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || Character.isWhitespace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Removes the space before closing punctuation: "word ," becomes "word,". */
    static String tidyPunctuationSpacing(String s, String closers) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' && i + 1 < s.length() && closers.indexOf(s.charAt(i + 1)) >= 0) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}
