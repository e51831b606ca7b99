package io.mytts.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.mytts.config.CrossWindow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text-aware stop and the per-item inputs of a batched generation (beam search's hypotheses). */
class TextAwareStopTest {

    private static final int[] TEXT = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};

    /**
     * A stop head that fires at the first frame: without the text-aware stop the item ends at once;
     * with it, not before the attention peak, which never moves back, has reached the last spoken
     * token. An attention that never gets there runs to the step cap.
     */
    @ParameterizedTest
    @CsvSource({"11, 3, 21", "9, 3, 22", "11, 0, 23", "5, 2, 24", "11, 1, 25", "11, 1, 28"})
    void theStopWaitsForTheLastSpokenToken(int lastSpoken, int windowTokens, long modelSeed) {
        CrossWindow window = windowTokens == 0 ? CrossWindow.off() : CrossWindow.tokens(windowTokens);
        int cap = 40;
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, modelSeed)) {
            model.parameters().get("decoder.stop_proj.bias").set(new float[] {30f});
            GenerationOptions.Builder options = GenerationOptions.builder().optMaxSteps(cap).optCrossWindow(window);
            GenerationResult plain = model.greedyGenerateFast(TEXT, options.build());
            assertThat(plain.stopped()).isTrue();
            assertThat(plain.alignment()).hasNumberOfRows(1);

            GenerationOptions aware = options.optTextAwareStop(true).build();
            GenerationResult r = model.generate(List.of(new GenerationInput(TEXT, 0, 0, lastSpoken)), aware).get(0);
            float[][] align = r.alignment();
            int peak = 0;
            for (int s = 0; s < align.length; s++) {
                for (int j = 0; j < peak; j++) {
                    assertThat(align[s][j]).as("step %d attends token %d behind the peak %d", s, j, peak)
                            .isLessThan(1e-6f);
                }
                int next = GenerationTest.argmax(align[s]);
                assertThat(next).as("step %d moves back", s).isGreaterThanOrEqualTo(peak);
                peak = next;
                if (s < align.length - 1) {
                    assertThat(peak).as("step %d went on past the last spoken token", s).isLessThan(lastSpoken);
                }
            }
            int r3 = model.config().reductionFactor();
            if (windowTokens != 1) {
                // Two or more tokens ahead, this untrained attention wanders to the end well within the cap.
                assertThat(r.stopped()).isTrue();
            }
            if (r.stopped()) {
                assertThat(peak).isGreaterThanOrEqualTo(lastSpoken);
                assertThat(r.frames()).isEqualTo((align.length - 1) * r3 + 1);
            } else {
                assertThat(peak).isLessThan(lastSpoken);
                assertThat(align).hasNumberOfRows(cap);
            }
        }
    }

    @Test
    void offByDefaultAndTheSameAsBefore() {
        GenerationOptions options = GenerationOptions.builder().optMaxSteps(8).optStopThreshold(1 - 1e-7).build();
        assertThat(options.textAwareStop()).isFalse();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 26)) {
            GenerationResult viaTexts = model.greedyGenerateFast(TEXT, options);
            GenerationResult viaInputs = model.generate(List.of(GenerationInput.of(TEXT, options)), options).get(0);
            assertThat(viaInputs.mel()).isEqualTo(viaTexts.mel());
            assertThat(viaInputs.alignment()).isEqualTo(viaTexts.alignment());
        }
    }

    /** Copies of one text with their own seeds: each as it would be alone, each different. */
    @Test
    void itemsOfOneTextDrawTheirOwnNoise() {
        GenerationOptions options = GenerationOptions.builder().optMaxSteps(8).optStopThreshold(1 - 1e-7)
                .optInferencePrenetDropout(false).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 27)) {
            List<GenerationInput> inputs = new ArrayList<>();
            inputs.add(new GenerationInput(TEXT, 0, 0, TEXT.length - 1));
            inputs.add(new GenerationInput(TEXT, 1, 0.3, TEXT.length - 1));
            inputs.add(new GenerationInput(TEXT, 2, 0.3, TEXT.length - 1));
            List<GenerationResult> batch = model.generate(inputs, options);
            assertThat(GenerationTest.maxDiff(batch.get(0).mel(), model.greedyGenerateFast(TEXT, options).mel()))
                    .isLessThan(1e-4f);
            assertThat(GenerationTest.maxDiff(batch.get(1).mel(), batch.get(0).mel())).isGreaterThan(1e-3f);
            assertThat(GenerationTest.maxDiff(batch.get(1).mel(), batch.get(2).mel())).isGreaterThan(1e-3f);
            GenerationResult alone = model.generate(List.of(inputs.get(2)), options).get(0);
            assertThat(GenerationTest.maxDiff(batch.get(2).mel(), alone.mel())).isLessThan(1e-4f);
        }
    }
}
