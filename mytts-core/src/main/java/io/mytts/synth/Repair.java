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
 */
public record Repair(DecodingFailures before, int attempts, int hypotheses, boolean resolved) {

    /** One line for a log. */
    public String summary() {
        return (resolved ? "repaired" : "not repaired") + " in " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + " (" + hypotheses + " hypotheses); first decoding: " + before.summary();
    }
}
