package io.mytts.eval;

import java.nio.file.Path;

/** Transcribes speech, to measure how intelligible synthesized audio is. */
public interface SpeechRecognizer {

    /** The words heard in a WAV file (any sample rate the implementation accepts). */
    String transcribe(Path wav);

    /** The sample rate the recognizer's acoustic model expects; callers resample to it. */
    int sampleRate();
}
