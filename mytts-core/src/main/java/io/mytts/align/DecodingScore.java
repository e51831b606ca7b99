package io.mytts.align;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Objects;

/**
 * How well one free-running decoding followed its text, to choose among hypotheses of a sentence
 * (beam search, alignment repair). All parts come from the alignment's argmax path
 * ({@link Alignments#argmaxPath}) and the detectors of {@link Alignments#detectFailures}, with the
 * same {@link FailureCriteria}:
 * <ul>
 *   <li><b>coverage</b>: the share of tokens (words, on a word-level alignment) the decoding
 *       reached, {@code 1 − skipped / tokens};</li>
 *   <li><b>monotonicity</b>: the share of steps that are not behind the furthest position reached
 *       so far by {@link FailureCriteria#minBacktrack()} or more (the steps of a repeat);</li>
 *   <li><b>stop confidence</b>: the highest stop probability of the valid steps (0 to 1; at least
 *       the threshold when the stop fired).</li>
 * </ul>
 * {@link #BEST_FIRST} orders hypotheses: a finished one (its stop fired) before an unfinished
 * one, then fewer kinds of failure (skip, repeat, stuck), then the higher {@link #value()}, the
 * sum of the three parts (0 to 3).
 *
 * @param failures what the detectors found
 * @param coverage share of tokens reached, 0 to 1
 * @param monotonicity share of steps not behind the furthest position, 0 to 1
 * @param stopConfidence the highest stop probability, 0 to 1
 */
public record DecodingScore(DecodingFailures failures, double coverage, double monotonicity, double stopConfidence) {

    /** The better hypothesis first; see the class comment. */
    public static final Comparator<DecodingScore> BEST_FIRST = Comparator
            .comparing((DecodingScore s) -> s.failures().stopNeverFired())
            .thenComparingInt(DecodingScore::failureKinds)
            .thenComparing(Comparator.comparingDouble(DecodingScore::value).reversed());

    public DecodingScore {
        Objects.requireNonNull(failures, "failures");
    }

    /**
     * Scores a decoding.
     *
     * @param alignment {@code [steps][tokens]} (or words), possibly padded
     * @param steps valid decoder steps, at least 1
     * @param tokens valid tokens, at least 1
     * @param stopProbabilities the stop probability of each decoder step
     */
    public static DecodingScore of(float[][] alignment, int steps, int tokens, float[] stopProbabilities,
            FailureCriteria criteria) {
        DecodingFailures failures = Alignments.detectFailures(alignment, steps, tokens, stopProbabilities, criteria);
        if (steps == 0) {
            return new DecodingScore(failures, 0, 0, 0);
        }
        int[] path = Alignments.argmaxPath(alignment, steps, tokens);
        int behind = Alignments.backtracks(path, criteria, new ArrayList<>());
        double stop = 0;
        for (int s = 0; s < steps; s++) {
            stop = Math.max(stop, stopProbabilities[s]);
        }
        return new DecodingScore(failures, 1 - failures.skippedTokens().size() / (double) tokens,
                1 - behind / (double) steps, stop);
    }

    /** Coverage + monotonicity + stop confidence, 0 to 3. */
    public double value() {
        return coverage + monotonicity + stopConfidence;
    }

    /** How many of skip, repeat and stuck were found (0 to 3); a missing stop is ranked first, apart. */
    public int failureKinds() {
        return (failures.skippedTokens().isEmpty() ? 0 : 1) + (failures.repeatedTokens().isEmpty() ? 0 : 1)
                + (failures.attentionStuck() ? 1 : 0);
    }
}
