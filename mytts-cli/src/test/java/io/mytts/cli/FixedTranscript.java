package io.mytts.cli;

import io.mytts.eval.SpeechRecognizer;
import java.nio.file.Path;

/** A recognizer for eval tests that hears the same words in every file, at 16 kHz as pocketsphinx. */
record FixedTranscript(String words) implements SpeechRecognizer {

    @Override
    public String transcribe(Path wav) {
        return words;
    }

    @Override
    public int sampleRate() {
        return 16000;
    }
}
