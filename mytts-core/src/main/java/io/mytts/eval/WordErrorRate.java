package io.mytts.eval;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: the word-level edit distance (substitutions + deletions + insertions) between a
 * reference and a hypothesis, divided by the number of reference words.
 *
 * <p>Both texts are compared case-folded, with punctuation other than apostrophes removed and
 * hyphens treated as spaces, so "Twenty-one, Sir!" and "twenty one sir" match.
 */
public final class WordErrorRate {

    /** Edit counts of one comparison; add them up over a test set for a corpus WER. */
    public record Counts(int substitutions, int deletions, int insertions, int referenceWords) {

        public int errors() {
            return substitutions + deletions + insertions;
        }

        /** errors / reference words; 0 for two empty texts, 1 per inserted word if the reference is empty. */
        public double rate() {
            if (referenceWords == 0) {
                return insertions == 0 ? 0 : insertions;
            }
            return errors() / (double) referenceWords;
        }

        public Counts plus(Counts o) {
            return new Counts(substitutions + o.substitutions, deletions + o.deletions,
                    insertions + o.insertions, referenceWords + o.referenceWords);
        }

        public static Counts zero() {
            return new Counts(0, 0, 0, 0);
        }
    }

    private WordErrorRate() {}

    public static double of(String reference, String hypothesis) {
        return count(reference, hypothesis).rate();
    }

    public static Counts count(String reference, String hypothesis) {
        return count(words(reference), words(hypothesis));
    }

    /** The words a text is compared by. */
    public static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replaceAll("[-–—]", " ")
                .replaceAll("[^\\p{L}\\p{N}'\\s]", " ")
                .trim();
        return folded.isEmpty() ? List.of() : Arrays.asList(folded.split("\\s+"));
    }

    /** Levenshtein alignment over words, keeping the kind of each edit on the cheapest path. */
    static Counts count(List<String> ref, List<String> hyp) {
        int n = ref.size();
        int m = hyp.size();
        // cost[i][j] with parallel counters for substitutions, deletions, insertions.
        int[][] cost = new int[n + 1][m + 1];
        int[][] sub = new int[n + 1][m + 1];
        int[][] del = new int[n + 1][m + 1];
        int[][] ins = new int[n + 1][m + 1];
        for (int i = 1; i <= n; i++) {
            cost[i][0] = i;
            del[i][0] = i;
        }
        for (int j = 1; j <= m; j++) {
            cost[0][j] = j;
            ins[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                boolean same = ref.get(i - 1).equals(hyp.get(j - 1));
                int diag = cost[i - 1][j - 1] + (same ? 0 : 1);
                int up = cost[i - 1][j] + 1;
                int left = cost[i][j - 1] + 1;
                if (diag <= up && diag <= left) {
                    cost[i][j] = diag;
                    sub[i][j] = sub[i - 1][j - 1] + (same ? 0 : 1);
                    del[i][j] = del[i - 1][j - 1];
                    ins[i][j] = ins[i - 1][j - 1];
                } else if (up <= left) {
                    cost[i][j] = up;
                    sub[i][j] = sub[i - 1][j];
                    del[i][j] = del[i - 1][j] + 1;
                    ins[i][j] = ins[i - 1][j];
                } else {
                    cost[i][j] = left;
                    sub[i][j] = sub[i][j - 1];
                    del[i][j] = del[i][j - 1];
                    ins[i][j] = ins[i][j - 1] + 1;
                }
            }
        }
        return new Counts(sub[n][m], del[n][m], ins[n][m], n);
    }
}
