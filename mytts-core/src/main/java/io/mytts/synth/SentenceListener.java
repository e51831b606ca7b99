package io.mytts.synth;

/** Receives each sentence's audio as soon as it is ready (for playback while the rest is made). */
@FunctionalInterface
public interface SentenceListener {

    /** Called on the synthesizing thread, in sentence order; {@code samples} is the listener's to keep. */
    void onSentence(SentenceResult sentence, float[] samples);
}
