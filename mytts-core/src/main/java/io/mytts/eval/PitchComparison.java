package io.mytts.eval;

/**
 * How far a synthesized signal's pitch is from a reference's, over pairs of frames matched by an
 * alignment: frame t with frame t for time-aligned signals (copy synthesis), or the steps of a time
 * warping path for speech at another pace (see {@link ReferenceMeasures}).
 *
 * @param rmseCents log-F0 RMSE, in cents (1200·log2 of the F0 ratio), over the pairs voiced in both;
 *     NaN when no pair is
 * @param voicingError voicing decision error (Nakatani et al. 2008): the share of pairs where one
 *     frame is voiced and the other is not; NaN for no pairs
 * @param pairs frame pairs compared
 * @param voicedPairs pairs voiced in both, the ones the RMSE is over
 */
public record PitchComparison(double rmseCents, double voicingError, int pairs, int voicedPairs) {

    /** Frame t against frame t, over the frames both tracks have. */
    public static PitchComparison timeAligned(PitchTrack reference, PitchTrack synthesized) {
        return along(reference, synthesized, Dtw.identity(Math.min(reference.frames(), synthesized.frames())));
    }

    /** Over the steps of {@code path} (first: reference frames, second: synthesized), skipping frames a track lacks. */
    static PitchComparison along(PitchTrack reference, PitchTrack synthesized, Dtw path) {
        int pairs = 0;
        int voiced = 0;
        int mismatched = 0;
        double squares = 0;
        for (int k = 0; k < path.length(); k++) {
            int i = path.first()[k];
            int j = path.second()[k];
            if (i >= reference.frames() || j >= synthesized.frames()) {
                continue;
            }
            pairs++;
            boolean a = reference.voiced(i);
            boolean b = synthesized.voiced(j);
            if (a != b) {
                mismatched++;
            } else if (a) {
                double cents = 1200 * Math.log(synthesized.f0()[j] / reference.f0()[i]) / Math.log(2);
                squares += cents * cents;
                voiced++;
            }
        }
        return new PitchComparison(voiced == 0 ? Double.NaN : Math.sqrt(squares / voiced),
                pairs == 0 ? Double.NaN : mismatched / (double) pairs, pairs, voiced);
    }
}
