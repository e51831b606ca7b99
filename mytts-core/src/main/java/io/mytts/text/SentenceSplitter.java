package io.mytts.text;

import io.mytts.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts text into sentences, and sentences longer than a cap into chunks a model can say in one go.
 *
 * <p>A sentence ends at . ! ? ؟ … (with any closing quotes or brackets after them) followed by
 * a space and a word that does not start with a lower-case letter, and at every line break. A
 * period after a known abbreviation (Mr. Dr. e.g. ...) or an initial (J. Smith) ends nothing, and
 * a period inside a number (3.14) is never followed by a space. A sentence longer than the cap is
 * split after commas, semicolons and colons (also ، ؛), then at spaces, and a single word longer
 * than the cap is cut, so no chunk exceeds it. Thread-safe and immutable.
 */
public final class SentenceSplitter {

    public static final int DEFAULT_MAX_CHUNK_LENGTH = 200;

    /** Abbreviations whose period never ends a sentence (lower case, without the final period). */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr",
            "vs", "e.g", "i.e", "eg", "ie", "vol", "fig", "capt", "lt", "sgt", "rev", "mt", "approx", "dept",
            "gen", "col", "gov", "sen", "rep", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
            "nov", "dec", "cf", "al", "ca");
    /** Abbreviations only before a number ("No. 5", "p. 12"); elsewhere the word ends a sentence ("I said no."). */
    private static final Set<String> NUMBER_ABBREVIATIONS = Set.of("no", "nos", "p", "pp");
    private static final String TERMINATORS = ".!?؟…";
    private static final String CLOSERS = "\"'»)]}”’";
    private static final String CLAUSE_MARKS = ",;:،؛";

    private final int maxChunkLength;

    private SentenceSplitter(Builder b) {
        this.maxChunkLength = b.maxChunkLength;
    }

    /** A splitter with the default cap of {@value #DEFAULT_MAX_CHUNK_LENGTH} characters. */
    public static SentenceSplitter create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxChunkLength() {
        return maxChunkLength;
    }

    /** Sentences, then chunks of at most {@link #maxChunkLength()} characters; no empty ones. */
    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String sentence : sentences(text)) {
            out.addAll(chunk(sentence));
        }
        return out;
    }

    /** The sentences of {@code text}, trimmed, with no empty ones and no cap on their length. */
    public List<String> sentences(String text) {
        TextCleaner.check(text);
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2029') {
                add(out, text.substring(start, i));
                start = i + 1;
            } else if (TERMINATORS.indexOf(c) >= 0) {
                int j = i;
                while (j < n && (TERMINATORS.indexOf(text.charAt(j)) >= 0 || CLOSERS.indexOf(text.charAt(j)) >= 0)) {
                    j++;
                }
                if (endsSentence(text, i, j)) {
                    add(out, text.substring(start, j));
                    start = j;
                }
                i = j - 1;
            }
        }
        add(out, text.substring(start));
        return out;
    }

    private static boolean endsSentence(String text, int terminator, int after) {
        if (after < text.length() && !Character.isWhitespace(text.charAt(after))) {
            return false; // 3.14, e.g.x, "?!" glued to a word
        }
        int next = after;
        while (next < text.length() && text.charAt(next) == ' ') {
            next++;
        }
        if (next < text.length() && Character.isLowerCase(text.charAt(next))) {
            return false;
        }
        boolean singlePeriod = text.charAt(terminator) == '.' && (after - terminator == 1
                || CLOSERS.indexOf(text.charAt(terminator + 1)) >= 0);
        boolean beforeNumber = next < text.length() && Character.isDigit(text.charAt(next));
        return !(singlePeriod && afterAbbreviation(text, terminator, beforeNumber));
    }

    /** Whether the period at {@code period} closes an abbreviation or an initial. */
    private static boolean afterAbbreviation(String text, int period, boolean beforeNumber) {
        int start = period;
        while (start > 0 && (Character.isLetter(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
            start--;
        }
        String word = text.substring(start, period);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return true; // an initial: J. Smith
        }
        String lower = word.toLowerCase(Locale.ROOT);
        return ABBREVIATIONS.contains(lower) || (beforeNumber && NUMBER_ABBREVIATIONS.contains(lower));
    }

    /**
     * {@code sentence} in chunks of at most {@link #maxChunkLength()} characters: split after clause
     * punctuation first, then at spaces, and cut inside a word only when one word is longer than the cap.
     */
    public List<String> chunk(String sentence) {
        TextCleaner.check(sentence);
        String s = sentence.strip();
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        if (s.length() <= maxChunkLength) {
            out.add(s);
            return out;
        }
        StringBuilder current = new StringBuilder();
        for (String clause : splitAfterClauseMarks(s)) {
            if (clause.length() > maxChunkLength) {
                for (String word : clause.split(" +")) {
                    for (String piece : cutWord(word)) {
                        pack(out, current, piece);
                    }
                }
            } else {
                pack(out, current, clause);
            }
        }
        add(out, current.toString());
        return out;
    }

    private void pack(List<String> out, StringBuilder current, String piece) {
        if (piece.isEmpty()) {
            return;
        }
        if (current.length() > 0 && current.length() + 1 + piece.length() > maxChunkLength) {
            add(out, current.toString());
            current.setLength(0);
        }
        if (current.length() > 0) {
            current.append(' ');
        }
        current.append(piece);
    }

    private static List<String> splitAfterClauseMarks(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (CLAUSE_MARKS.indexOf(s.charAt(i)) >= 0 && (i + 1 == s.length() || s.charAt(i + 1) == ' ')) {
                out.add(s.substring(start, i + 1).strip());
                start = i + 1;
            }
        }
        out.add(s.substring(start).strip());
        return out;
    }

    /** A word longer than the cap, in pieces of at most the cap (never splitting a surrogate pair). */
    private List<String> cutWord(String word) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (word.length() - start > maxChunkLength) {
            int end = start + maxChunkLength;
            if (Character.isLowSurrogate(word.charAt(end)) && end - 1 > start) {
                end--;
            }
            out.add(word.substring(start, end));
            start = end;
        }
        out.add(word.substring(start));
        return out;
    }

    private static void add(List<String> out, String piece) {
        String s = piece.strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    /** Options of the splitter. */
    public static final class Builder {
        private int maxChunkLength = DEFAULT_MAX_CHUNK_LENGTH;

        private Builder() {}

        /** The most characters in one chunk (default {@value #DEFAULT_MAX_CHUNK_LENGTH}; at least 2). */
        public Builder optMaxChunkLength(int maxChunkLength) {
            this.maxChunkLength = maxChunkLength;
            return this;
        }

        public SentenceSplitter build() {
            if (maxChunkLength < 2) {
                throw new InvalidInputException("max chunk length must be at least 2 characters, got " + maxChunkLength);
            }
            return new SentenceSplitter(this);
        }
    }
}
