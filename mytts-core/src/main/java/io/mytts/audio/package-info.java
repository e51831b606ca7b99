/**
 * Audio signal processing in pure Java: WAV read and write ({@link io.mytts.audio.WavIO}) and the
 * {@link io.mytts.audio.AudioClip} they carry, resampling, the real FFT and STFT/iSTFT, the mel
 * filter bank and log-mel spectrogram the models are trained on, {@code .npy} files, and turning
 * mels back into audio ({@link io.mytts.audio.GriffinLim} behind the
 * {@link io.mytts.audio.Vocoder} interface).
 *
 * <p>Not for neural networks or tensors: the neural vocoders live in {@code io.mytts.vocoder}, and
 * text or speech models never reach in here; this package knows samples and spectra only.
 */
package io.mytts.audio;
