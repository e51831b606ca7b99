/**
 * Objective measures of synthesized speech, and the evaluation that reports them.
 *
 * <p>{@link io.mytts.eval.IntelligibilityEvaluation} synthesizes a list of sentences
 * ({@link io.mytts.eval.EvaluationTexts}), has a {@link io.mytts.eval.SpeechRecognizer}
 * ({@link io.mytts.eval.PocketSphinxRecognizer}) transcribe them, scores the transcripts by
 * {@link io.mytts.eval.WordErrorRate} and, given reference recordings, takes the
 * {@link io.mytts.eval.ReferenceMeasures} against them: {@link io.mytts.eval.MelCepstralDistortion},
 * {@link io.mytts.eval.Stoi} (STOI and extended STOI), and log-F0 RMSE and voicing decision error
 * ({@link io.mytts.eval.PitchComparison}) from the {@link io.mytts.eval.Yin} pitch tracker's
 * {@link io.mytts.eval.PitchTrack}s; given a multi-speaker corpus, a
 * {@link io.mytts.eval.SpeakerIdentifier} tells which speaker each sentence (and reference) sounds
 * like ({@link io.mytts.eval.SpeakerIdentification}, tallied by {@link io.mytts.eval.SpeakerAccuracy}).
 * Everything lands in an {@link io.mytts.eval.EvaluationReport}.
 * The measures are pure Java on the project's STFT, FFT and resampler ({@code io.mytts.audio}).
 */
package io.mytts.eval;
