package io.mytts.synth;

/** Receives each sentence's audio as soon as it is ready (for playback while the rest is made). */
@FunctionalInterface
public interface SentenceListener {

    /**
     * Called one sentence at a time in sentence order, on the calling thread (or on the request's
     * vocoder thread while later sentences decode, with {@code overlapVocoder}); {@code samples} is
     * the listener's to keep: the sentence as vocoded (the audio of the request leaves out the
     * voice's own quiet at its edges where an SSML break takes its place). An exception it throws
     * ends the request and reaches the caller of {@code synthesize}.
     */
    void onSentence(SentenceResult sentence, float[] samples);

    /**
     * The sentence's cross-attention alignment, {@code [decoder step][input token]}, just before
     * {@link #onSentence} (for a server or a page that shows it); the array is the listener's to
     * keep. Ignored unless overridden.
     */
    default void onAlignment(SentenceResult sentence, float[][] alignment) {}
}
