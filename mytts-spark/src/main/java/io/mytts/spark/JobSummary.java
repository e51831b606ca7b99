package io.mytts.spark;

import java.util.Locale;

/**
 * What a batch run made, read from its manifest.
 *
 * @param rows rows in the manifest
 * @param failed rows with an error and no audio
 * @param characters characters of the text of the rows that were spoken
 * @param audioSeconds audio made, in seconds
 * @param synthesisSeconds wall time of the synthesis and writing (the Spark job), in seconds
 * @param totalSeconds wall time from the start of the run, Spark's start-up included
 */
public record JobSummary(long rows, long failed, long characters, double audioSeconds, double synthesisSeconds,
        double totalSeconds) {

    public double charactersPerSecond() {
        return characters / synthesisSeconds;
    }

    /** Seconds of audio made per second of wall time. */
    public double audioSecondsPerSecond() {
        return audioSeconds / synthesisSeconds;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d row(s), %d failed; %d characters, %.1f s of audio in %.1f s"
                + " (%.1f characters/s, %.2f audio s/s; %.1f s with Spark's start-up)", rows, failed, characters,
                audioSeconds, synthesisSeconds, charactersPerSecond(), audioSecondsPerSecond(), totalSeconds);
    }
}
