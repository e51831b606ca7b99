package io.mytts.synth;

/**
 * Counts over the sentences of a request, kept as they are made so that a result can say how many
 * sentences there were, how many failed, were repaired or were cut, and how well they aligned,
 * without keeping each one ({@link SynthesisOptions#keepSentences()}).
 *
 * @param sentences sentences (chunks) spoken
 * @param stopped of them, those the stop token ended (the others were cut at the step cap)
 * @param failed those with any failure the detectors found (skip, repeat, stuck, no stop)
 * @param repaired those decoded again after a failure, resolved or not
 * @param minAlignmentScore the lowest alignment score (NaN with no sentence)
 * @param alignmentScoreSum the sum of the alignment scores, for their mean
 */
public record SentenceTally(long sentences, long stopped, long failed, long repaired, double minAlignmentScore,
        double alignmentScoreSum) {

    /** No sentence yet. */
    public static final SentenceTally NONE = new SentenceTally(0, 0, 0, 0, Double.NaN, 0);

    /** These counts with one more sentence. */
    public SentenceTally plus(SentenceResult s) {
        double score = s.alignmentScore();
        return new SentenceTally(sentences + 1, stopped + (s.stopFired() ? 1 : 0), failed + (s.failures().any() ? 1 : 0),
                repaired + (s.repaired() ? 1 : 0), sentences == 0 ? score : Math.min(minAlignmentScore, score),
                alignmentScoreSum + score);
    }

    /** The counts of these sentences. */
    public static SentenceTally of(Iterable<SentenceResult> sentences) {
        SentenceTally t = NONE;
        for (SentenceResult s : sentences) {
            t = t.plus(s);
        }
        return t;
    }

    /** Sentences cut at the step cap without the stop token. */
    public long cut() {
        return sentences - stopped;
    }

    /** The mean alignment score (NaN with no sentence). */
    public double meanAlignmentScore() {
        return sentences == 0 ? Double.NaN : alignmentScoreSum / sentences;
    }

    /** Whether the sentence has something to report: a failure, a repair or a cut at the step cap. */
    static boolean notable(SentenceResult s) {
        return s.failures().any() || s.repaired() || !s.stopFired();
    }
}
