package io.mytts.eval;

import io.mytts.audio.AudioClip;
import io.mytts.audio.Resampler;
import io.mytts.audio.WavIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Transcribes speech, to measure how intelligible synthesized audio is. */
public interface SpeechRecognizer {

    /** The words heard in a WAV file (any sample rate the implementation accepts). */
    String transcribe(Path wav);

    /** The sample rate the recognizer's acoustic model expects; callers resample to it. */
    int sampleRate();

    /**
     * The words heard in a clip: resampled to {@link #sampleRate()}, written to a temporary WAV
     * whose name starts with {@code name + "."} (a sentence id, say), transcribed.
     */
    default String transcribe(AudioClip clip, String name) {
        int rate = sampleRate();
        float[] samples = clip.sampleRate() == rate ? clip.samples()
                : Resampler.resample(clip.samples(), clip.sampleRate(), rate);
        Path wav;
        try {
            wav = Files.createTempFile(name + ".", ".wav");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary file for speech recognition", e);
        }
        try {
            WavIO.write(wav, samples, rate);
            return transcribe(wav);
        } finally {
            try {
                Files.deleteIfExists(wav);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }
}
