package io.mytts.synth;

import io.mytts.align.DecodingFailures;

/**
 * What happened to one sentence (chunk) of a request.
 *
 * @param index position in the request, from 0
 * @param text the normalised text that was spoken
 * @param language ISO code of its language
 * @param tokens input tokens, end-of-sequence included
 * @param frames mel frames generated
 * @param seconds audio duration of this sentence (no pause)
 * @param alignmentScore diagonality of its cross-attention alignment, 0 (none) to 1 (a clean diagonal)
 * @param stopFired whether the stop token ended it (false: cut at the step cap)
 * @param stepCap the decoder step cap it ran under
 * @param failures the monitor's failure detectors on its word-level alignment (the attention summed
 *     over each word's tokens): skipped and repeated indices are words, from 0
 * @param timings its share of the front end, its batch's decoding time, its vocoder time
 * @param batchSize sentences decoded together with it (itself included)
 * @param repair how it was decoded again after a failure ({@link SynthesisOptions#repair()}); null
 *     when its first decoding was kept
 */
public record SentenceResult(
        int index,
        String text,
        String language,
        int tokens,
        int frames,
        double seconds,
        double alignmentScore,
        boolean stopFired,
        int stepCap,
        DecodingFailures failures,
        Timings timings,
        int batchSize,
        Repair repair) {

    /** Whether it was decoded again after a failure. */
    public boolean repaired() {
        return repair != null;
    }

    /** Whether it reached the step cap without the stop token. */
    public boolean hitStepCap() {
        return !stopFired;
    }

    /** Milliseconds spent in each stage. */
    public record Timings(double frontendMillis, double decodeMillis, double vocoderMillis) {}
}
