package io.mytts.synth;

import io.mytts.align.Alignments;
import io.mytts.align.DecodingFailures;
import io.mytts.align.DecodingScore;
import io.mytts.align.FailureCriteria;
import io.mytts.model.GenerationResult;
import io.mytts.text.SymbolTable;

/**
 * One decoded chunk as the synthesizer speaks it: the model's result, its alignment merged to words
 * and scored by the failure detectors, and the repair it needed, if any.
 *
 * @param result the mel, stop probabilities and alignment
 * @param wordOfToken the word of each token
 * @param byWord the alignment with each word's tokens merged, {@code [steps][words]}
 * @param score the detectors' verdict on {@code byWord}
 * @param repair how the chunk was decoded again, or null when it was not
 */
record DecodedSentence(GenerationResult result, int[] wordOfToken, float[][] byWord, DecodingScore score,
        Repair repair) {

    DecodingFailures failures() {
        return score.failures();
    }

    /**
     * Scores a result on its word-level alignment: words, not letters, because a focused attention
     * hops over letters it still speaks.
     *
     * @param framesPerStep mel frames each alignment row stands for
     */
    static DecodedSentence scored(int[] ids, GenerationResult result, SymbolTable symbols, int framesPerStep,
            FailureCriteria criteria) {
        float[][] alignment = result.alignment();
        int[] wordOfToken = symbols.wordIndices(ids);
        float[][] byWord = Alignments.mergeColumns(alignment, alignment.length, wordOfToken);
        float[] stepStops = Synthesizer.perStep(result.stopProbabilities(), alignment.length, framesPerStep);
        DecodingScore score = DecodingScore.of(byWord, byWord.length, wordOfToken[wordOfToken.length - 1] + 1,
                stepStops, criteria);
        return new DecodedSentence(result, wordOfToken, byWord, score, null);
    }

    DecodedSentence withRepair(Repair r) {
        return new DecodedSentence(result, wordOfToken, byWord, score, r);
    }
}
