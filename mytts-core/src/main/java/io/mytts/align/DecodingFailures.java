package io.mytts.align;

import java.util.ArrayList;
import java.util.List;

/**
 * What went wrong in one free-running decoding, as {@link Alignments#detectFailures} found it.
 *
 * @param skippedTokens tokens (indices) the decoder never attended to
 * @param repeatedTokens tokens the decoder came back to after moving on, in order of return
 * @param attentionStuck whether the attention stayed on one token too long
 * @param longestRunToken the token of the longest run of the argmax path (-1 with no steps)
 * @param longestRunSteps the length of that run in decoder steps
 * @param longestRunStart the step where that run starts (-1 with no steps)
 * @param stopNeverFired whether the stop probability never reached its threshold
 */
public record DecodingFailures(
        List<Integer> skippedTokens,
        List<Integer> repeatedTokens,
        boolean attentionStuck,
        int longestRunToken,
        int longestRunSteps,
        int longestRunStart,
        boolean stopNeverFired) {

    public DecodingFailures {
        skippedTokens = List.copyOf(skippedTokens);
        repeatedTokens = List.copyOf(repeatedTokens);
    }

    /** Whether any failure was found. */
    public boolean any() {
        return !skippedTokens.isEmpty() || !repeatedTokens.isEmpty() || attentionStuck || stopNeverFired;
    }

    /** One line for a log: "ok", or the failures found. */
    public String summary() {
        if (!any()) {
            return "ok";
        }
        List<String> parts = new ArrayList<>();
        if (!skippedTokens.isEmpty()) {
            parts.add("skipped tokens " + skippedTokens);
        }
        if (!repeatedTokens.isEmpty()) {
            parts.add("repeated tokens " + repeatedTokens);
        }
        if (attentionStuck) {
            parts.add("attention stuck on token " + longestRunToken + " for " + longestRunSteps
                    + " steps from step " + longestRunStart);
        }
        if (stopNeverFired) {
            parts.add("stop never fired");
        }
        return String.join("; ", parts);
    }
}
