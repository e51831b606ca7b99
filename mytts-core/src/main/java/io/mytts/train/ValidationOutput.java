package io.mytts.train;

import java.util.List;

/**
 * What a validation pass gives to look at and listen to; the validation listener writes each into
 * the run folder under {@code step-N-TAG}.
 */
public sealed interface ValidationOutput {

    /** The file tag ({@code tf0}, {@code free0}, {@code val0}, ...). */
    String tag();

    /**
     * An alignment heatmap, {@code alignments/step-N-TAG.png}.
     *
     * @param matrix {@code [steps][tokens]}
     * @param tokenLabels one label per token, or empty
     * @param caption what it shows ("teacher-forced")
     */
    record Alignment(String tag, float[][] matrix, List<String> tokenLabels, String caption)
            implements ValidationOutput {}

    /**
     * A log-mel spectrogram, turned into {@code samples/step-N-TAG.wav} by the run's vocoder when it
     * has one (Griffin-Lim for the TTS run).
     *
     * @param mel {@code [frames][nMels]}
     * @param text written beside the audio as {@code step-N-TAG.txt}; null for none
     */
    record Mel(String tag, float[][] mel, String text) implements ValidationOutput {}

    /**
     * Audio the model made itself (a vocoder), {@code samples/step-N-TAG.wav}.
     *
     * @param text written beside it; null for none
     */
    record Audio(String tag, float[] samples, int sampleRate, String text) implements ValidationOutput {}

    /**
     * Frames per token, the target against the model's prediction (a forward model),
     * {@code durations/step-N-TAG.svg}.
     *
     * @param target the teacher's frames per token
     * @param predicted the model's frames per token, as many
     * @param tokenLabels one label per token, or empty
     * @param caption what it shows
     */
    record Durations(String tag, int[] target, int[] predicted, List<String> tokenLabels, String caption)
            implements ValidationOutput {}
}
