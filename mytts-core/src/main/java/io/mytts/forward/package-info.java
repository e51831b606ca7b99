/**
 * The forward (FastSpeech2-style) text-to-speech model and its training: {@link
 * io.mytts.forward.ForwardTTS} (encoder, variance adaptor with duration, pitch and energy
 * predictors, length regulator, decoder over frames, postnet), built from the shared blocks of
 * {@code io.mytts.nn}, and {@link io.mytts.forward.ForwardTrainee}, which trains it on the shared
 * loop of {@code io.mytts.train} from the per-token durations, pitch and energy kept beside a
 * feature cache ({@code io.mytts.data.ProsodyStore}).
 *
 * <p>Duration extraction (the most probable monotonic path through a trained autoregressive
 * model's cross-attention, or monotonic alignment search), which writes those durations, lives in
 * this package too; so does the route with no teacher ({@code "alignment": "learned"}): an
 * alignment prior in the model and monotonic alignment search every training step
 * ({@code LearnedAlignment}), over pitch and energy stored per frame.
 */
package io.mytts.forward;
