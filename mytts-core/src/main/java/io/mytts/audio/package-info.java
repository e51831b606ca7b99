/**
 * Audio signal processing in pure Java: WAV read and write (at once with
 * {@link io.mytts.audio.WavIO}, or as it comes with {@link io.mytts.audio.StreamingWavWriter}) and
 * the {@link io.mytts.audio.AudioClip} they carry, resampling, the real FFT and STFT/iSTFT, the mel
 * filter bank and log-mel spectrogram the models are trained on, {@code .npy} files, turning mels
 * back into audio ({@link io.mytts.audio.GriffinLim} behind the {@link io.mytts.audio.Vocoder}
 * interface), and {@link io.mytts.audio.MelProsody}, which changes rate and pitch on the mel before
 * the vocoder.
 *
 * <p>Not for neural networks or tensors: the neural vocoders live in {@code io.mytts.vocoder}, and
 * text or speech models never reach in here; this package knows samples and spectra only.
 */
package io.mytts.audio;
