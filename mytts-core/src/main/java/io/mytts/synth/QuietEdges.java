package io.mytts.synth;

/**
 * The quiet a voice makes at the start and end of a sentence (a model ends many sentences with a
 * few frames of near-silence before its stop token). Around an SSML break it is cut, so that the
 * silence heard is the break's length and not the break plus the voice's own quiet: with the
 * bundled voice a 1 s break measured 1.07-1.38 s below -60 to -40 dBFS before, about 1.02 s after.
 * Quiet is 10 ms windows whose peak is below {@value #THRESHOLD_DBFS} dBFS; {@value #MARGIN_MILLIS}
 * ms of it are kept next to the speech so that soft onsets and decays are not clipped.
 */
final class QuietEdges {

    static final double THRESHOLD_DBFS = -50;
    static final int MARGIN_MILLIS = 10;
    private static final float THRESHOLD = (float) Math.pow(10, THRESHOLD_DBFS / 20);

    private QuietEdges() {}

    /** Samples of quiet to cut from the start; 0 when the whole sentence is quiet (a silent prosody keeps its length). */
    static int leading(float[] samples, int rate) {
        int window = Math.max(1, rate / 100);
        int quiet = 0;
        while (quiet + window <= samples.length && peak(samples, quiet, quiet + window) < THRESHOLD) {
            quiet += window;
        }
        return cut(quiet, samples.length, window, rate);
    }

    /** Samples of quiet to cut from the end; 0 when the whole sentence is quiet. */
    static int trailing(float[] samples, int rate) {
        int window = Math.max(1, rate / 100);
        int quiet = 0;
        while (quiet + window <= samples.length
                && peak(samples, samples.length - quiet - window, samples.length - quiet) < THRESHOLD) {
            quiet += window;
        }
        return cut(quiet, samples.length, window, rate);
    }

    private static int cut(int quiet, int length, int window, int rate) {
        if (quiet + window > length) {
            return 0; // all quiet: not an edge but the whole sentence
        }
        return Math.max(0, quiet - MARGIN_MILLIS * rate / 1000);
    }

    private static float peak(float[] x, int from, int to) {
        float max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        return max;
    }
}
