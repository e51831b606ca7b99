/**
 * Neural vocoders: networks that turn a log-mel spectrogram into audio, trained in Java, behind
 * the same {@link io.mytts.audio.Vocoder} interface as Griffin-Lim.
 *
 * <p>The default architecture is Vocos-style (Siuzdak 2023): a ConvNeXt backbone that runs at the
 * mel frame rate and predicts an STFT (log-magnitude and phase), turned into samples by an
 * inverse STFT. Working at frame rate instead of sample rate makes it cheap on CPUs: nothing is
 * upsampled inside the network. Training combines a mel L1 loss and a multi-resolution STFT loss
 * with, after a warm-up, multi-period and multi-resolution discriminators and feature matching
 * (HiFi-GAN, Kong et al. 2020; UnivNet, Jang et al. 2021). Training runs on the loop every model
 * shares ({@link io.mytts.train.Trainer}): {@link io.mytts.vocoder.VocoderTraining} wires a trainee
 * with a generator and a discriminator parameter group to it. For fine-tuning on what the vocoder
 * meets at synthesis, {@link io.mytts.vocoder.PredictedMels} writes an acoustic model's
 * teacher-forced mels of a corpus as a second feature cache, which training reads its inputs from.
 */
package io.mytts.vocoder;
