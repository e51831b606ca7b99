/**
 * Alignment analysis that synthesis and training both use: the teacher-forced cross-attention of a
 * model ({@link io.mytts.align.CrossAttentionSource}, {@link io.mytts.align.AlignmentSet}), its
 * head and layer averages and the diagonality score ({@link io.mytts.align.Alignments}), and the
 * detectors of skipped, repeated and stuck words in free-running decoding
 * ({@link io.mytts.align.DecodingFailures}, {@link io.mytts.align.FailureCriteria}), and the score
 * that ranks hypotheses of one sentence by them ({@link io.mytts.align.DecodingScore}).
 *
 * <p>Hard alignments for durations: the most probable monotonic path through an attention matrix
 * ({@link io.mytts.align.MonotonicPath}, Viterbi) and Glow-TTS's monotonic alignment search over a
 * log-likelihood matrix ({@link io.mytts.align.MonotonicAlignmentSearch}).
 *
 * <p>No plotting here: pictures of alignments are {@link io.mytts.monitor}'s.
 */
package io.mytts.align;
