package io.mytts.audio;

/**
 * Turns a log-mel spectrogram (frames x nMels, the reference convention of {@link MelSpectrogram})
 * into audio. Griffin-Lim implements it; neural vocoders will too.
 */
public interface Vocoder {

    /** Audio samples at {@link #sampleRate()} for a log-mel spectrogram of frames x nMels. */
    float[] synthesize(float[][] logMel);

    /** Sample rate of the audio this vocoder produces. */
    int sampleRate();

    /** {@link #synthesize} wrapped in a clip with the vocoder's sample rate. */
    default AudioClip synthesizeClip(float[][] logMel) {
        return new AudioClip(synthesize(logMel), sampleRate());
    }
}
