package io.mytts.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One normalisation rule: every match of a pattern is replaced by what a function makes of it. */
final class Rewrite {

    /** Builds the replacement for one match; {@code text} is the whole input, for context. */
    @FunctionalInterface
    interface Replacer {
        String replace(Matcher m, String text);
    }

    private final Pattern pattern;
    private final Replacer replacer;

    Rewrite(String regex, Replacer replacer) {
        this(Pattern.compile(regex), replacer);
    }

    Rewrite(Pattern pattern, Replacer replacer) {
        this.pattern = pattern;
        this.replacer = replacer;
    }

    /** A rule with a fixed replacement (no back-references). */
    static Rewrite literal(String regex, String replacement) {
        return new Rewrite(regex, (m, t) -> replacement);
    }

    String apply(String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        int last = 0;
        do {
            out.append(text, last, m.start()).append(replacer.replace(m, text));
            last = m.end();
        } while (m.find());
        return out.append(text, last, text.length()).toString();
    }

    /**
     * Whether an abbreviation's period that ended at {@code end} also ends the sentence: nothing
     * follows, or the next word starts with a capital letter.
     */
    static boolean endsSentence(String text, int end) {
        int i = end;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i == text.length() || (i > end && Character.isUpperCase(text.charAt(i)));
    }

    /** A space when the character at {@code index} is a letter or digit (so words do not fuse). */
    static String spaceIfWordChar(String text, int index) {
        return index >= 0 && index < text.length() && Character.isLetterOrDigit(text.charAt(index)) ? " " : "";
    }
}
