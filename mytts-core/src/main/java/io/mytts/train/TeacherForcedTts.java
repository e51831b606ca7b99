package io.mytts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A text-to-speech model trained with teacher forcing, as {@link TtsTrainee} trains it: a forward
 * pass over padded tokens and target mels with cross-attention. {@code TransformerTTS} is adapted
 * to it by {@link TtsModelAdapter}; the loop's tests use a toy model of their own.
 */
public interface TeacherForcedTts {

    /** Live parameter arrays by stable name; they must require gradients. */
    Map<String, NDArray> parameters();

    /** Mel frames per decoder step. */
    int reductionFactor();

    /**
     * Teacher-forced forward.
     *
     * @param manager the step's manager: results must live there
     * @param tokens {@code [B, N]} int64 token ids, padded with 0
     * @param tokenLengths real tokens per row
     * @param mels {@code [B, T, M]} target mels, padded with 0 to a multiple of the reduction factor
     * @param melLengths real frames per row
     * @param training whether dropout and other training-only behaviour is on
     */
    ForwardOutput forward(NDManager manager, NDArray tokens, int[] tokenLengths, NDArray mels,
            int[] melLengths, boolean training);

    /**
     * The teacher-forced forward with each row's speaker; a model without speakers ignores them.
     *
     * @param speakers speaker row per utterance
     */
    default ForwardOutput forward(NDManager manager, NDArray tokens, int[] tokenLengths, int[] speakers, NDArray mels,
            int[] melLengths, boolean training) {
        return forward(manager, tokens, tokenLengths, mels, melLengths, training);
    }

    /** Free-running generation of one utterance by speaker row {@code speaker}; by default as speaker 0. */
    default FreeRun generate(int[] tokens, int speaker, int maxSteps) {
        return generate(tokens, maxSteps);
    }

    /**
     * Writes the parameters (by name) into a checkpoint folder, with {@code facts} about the
     * training so far (step, frames, hours) kept beside them for whoever packs the model later.
     */
    void save(Path folder, Map<String, Object> facts) throws IOException;

    /** Reads parameters written by {@link #save}, keeping them trainable. */
    void load(Path folder) throws IOException;

    /**
     * Free-running generation of one utterance for validation (alignment plot, audio), or null
     * when the model cannot generate.
     */
    default FreeRun generate(int[] tokens, int maxSteps) {
        return null;
    }

    /** Token texts for plot labels, or an empty list. */
    default List<String> symbols() {
        return List.of();
    }

    /**
     * A generated utterance.
     *
     * @param mel {@code [frames][nMels]} log-mel
     * @param alignment {@code [steps][tokens]} cross-attention averaged over layers and heads
     * @param stopped whether the stop token fired before the step limit
     */
    record FreeRun(float[][] mel, float[][] alignment, boolean stopped) {}
}
