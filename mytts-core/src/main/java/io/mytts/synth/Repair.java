package io.mytts.synth;

import io.mytts.align.DecodingFailures;

/**
 * An alignment repair of one sentence ({@link SynthesisOptions#repair()}): its first decoding had a
 * failure, so it was decoded again.
 *
 * @param before what the detectors found in the first decoding (word-level)
 * @param attempts how many times it was decoded again
 * @param hypotheses new hypotheses decoded in all those attempts
 * @param resolved whether the decoding spoken in the end is free of failures
 * @param spokenFrom how the decoding spoken in the end was made: {@value #FIRST_DECODING} when no
 *     new hypothesis scored better, else the rung of the repair ladder ("other seeds", "the text-aware
 *     stop", ...; see {@code RepairLadder})
 */
public record Repair(DecodingFailures before, int attempts, int hypotheses, boolean resolved, String spokenFrom) {

    /** What {@link #spokenFrom()} says when the first decoding was kept after all. */
    public static final String FIRST_DECODING = "the first decoding";

    /** One line for a log. */
    public String summary() {
        return (resolved ? "repaired" : "not repaired") + " in " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + " (" + hypotheses + " hypotheses; spoken: " + spokenFrom + "); first decoding: " + before.summary();
    }
}
