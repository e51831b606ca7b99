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

    static final String DIGITS = "0123456789";

    private final Pattern pattern;
    private final Replacer replacer;
    /** The rule can only match text that holds one character of each of these strings; empty: any text. */
    private final String[] triggers;
    /** The rule can only match text that holds one of these words; empty: any text. */
    private final String[] words;

    Rewrite(String regex, Replacer replacer) {
        this(Pattern.compile(regex), replacer, new String[0], new String[0]);
    }

    private Rewrite(Pattern pattern, Replacer replacer, String[] triggers, String[] words) {
        this.pattern = pattern;
        this.replacer = replacer;
        this.triggers = triggers;
        this.words = words;
    }

    /**
     * The same rule, skipped for text that lacks a character of any of {@code characterSets}
     * (each set: any one of its characters): a scan for a few characters is far cheaper than a
     * regular expression search, and most sentences trigger few rules.
     */
    Rewrite when(String... characterSets) {
        return new Rewrite(pattern, replacer, characterSets, words);
    }

    /** The same rule, skipped for text that holds none of {@code anyOf} (a cheaper test than the regex). */
    Rewrite whenContains(java.util.Collection<String> anyOf) {
        return new Rewrite(pattern, replacer, triggers, anyOf.toArray(new String[0]));
    }

    Rewrite whenContains(String... anyOf) {
        return whenContains(java.util.List.of(anyOf));
    }

    /** Whether the rule may match {@code text}, given the ASCII characters it holds. */
    boolean mayMatch(String text, boolean[] asciiPresent) {
        for (String set : triggers) {
            if (!holdsAny(text, asciiPresent, set)) {
                return false;
            }
        }
        if (words.length == 0) {
            return true;
        }
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsAny(String text, boolean[] asciiPresent, String set) {
        for (int i = 0; i < set.length(); i++) {
            char c = set.charAt(i);
            if (c < 128 ? asciiPresent[c] : text.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Which ASCII characters {@code text} holds. */
    static boolean[] asciiPresent(String text) {
        boolean[] present = new boolean[128];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                present[c] = true;
            }
        }
        return present;
    }

    /** Applies the rules in order, each only where its trigger characters occur. */
    static String applyAll(java.util.List<Rewrite> rules, String text) {
        String s = text;
        boolean[] present = asciiPresent(s);
        for (Rewrite rule : rules) {
            if (rule.mayMatch(s, present)) {
                String next = rule.apply(s);
                if (!next.equals(s)) {
                    s = next;
                    present = asciiPresent(s);
                }
            }
        }
        return s;
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
