/**
 * Audio: WAV reading and writing (at once with {@link io.mytts.audio.WavIO}, or as it comes with
 * {@link io.mytts.audio.StreamingWavWriter}), band-limited resampling, STFT and its inverse, the
 * mel spectrogram of the reference convention, Griffin-Lim and the {@link io.mytts.audio.Vocoder}
 * interface, and {@link io.mytts.audio.MelProsody}, which changes rate and pitch on the mel before
 * the vocoder.
 */
package io.mytts.audio;
