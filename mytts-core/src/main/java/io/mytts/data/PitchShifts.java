package io.mytts.data;

import io.mytts.InvalidInputException;
import java.util.SplittableRandom;

/**
 * The pitch shift of each utterance of a corpus built with a pitch spread ({@code corpus build
 * --pitch-spread S --seed N}): uniform in [−S, +S] semitones, drawn from the utterance id and the seed
 * alone, so a rebuilt or resumed corpus gets the same shifts whatever the order or the threads.
 */
final class PitchShifts {

    /** Per-utterance shifts, beside {@code metadata.csv}: {@code id<TAB>semitones}, a header line first. */
    static final String FILE = "pitch-shifts.tsv";
    /** An octave either way: beyond it the teachers' voices break (and it is no longer one speaker). */
    static final double MAX_SPREAD = 12;

    private PitchShifts() {}

    /** Refuses a spread that is negative, not a number, or above an octave. */
    static void checkSpread(double spread) {
        if (!(spread >= 0 && spread <= MAX_SPREAD)) {
            throw new InvalidInputException("--pitch-spread must be between 0 and " + (int) MAX_SPREAD
                    + " semitones (0: the teacher's own pitch), not " + spread);
        }
    }

    /** The shift of utterance {@code id}, in semitones, within [−spread, +spread]; 0 for spread 0. */
    static double semitones(String id, long seed, double spread) {
        if (spread == 0) {
            return 0;
        }
        // String.hashCode is fixed by the language specification, so the draw is the same on every JVM.
        long key = seed * 0x9E3779B97F4A7C15L + id.hashCode();
        return (2 * new SplittableRandom(key).nextDouble() - 1) * spread;
    }
}
