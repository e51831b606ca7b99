package io.mytts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.config.Activation;
import io.mytts.config.CrossWindow;
import io.mytts.config.ModelConfig;
import io.mytts.config.PositionEncoding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerationTest {

    private static final int[] TEXT = {3, 1, 4, 1, 5, 9, 2, 6};
    private static final int[] OTHER = {2, 7, 1, 8, 2};

    /** Runs exactly {@code steps} steps: the stop threshold is out of reach of a fresh model. */
    private static GenerationOptions.Builder fixedSteps(int steps) {
        return GenerationOptions.builder().optMaxSteps(steps).optStopThreshold(1 - 1e-7);
    }

    static float maxDiff(float[][] a, float[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i].length).isEqualTo(b[i].length);
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    static float maxDiff(float[] a, float[] b) {
        return maxDiff(new float[][] {a}, new float[][] {b});
    }

    @ParameterizedTest
    @CsvSource({
        "GELU, SINUSOIDAL, 1, false", "GELU, ROPE, 1, false", "SWIGLU, SINUSOIDAL, 1, false",
        "SWIGLU, ROPE, 1, false", "GELU, ROPE, 2, true", "SWIGLU, SINUSOIDAL, 3, true"})
    void cachedAndUncachedDecodingAgree(Activation activation, PositionEncoding positions, int r,
            boolean encoderPrenet) {
        ModelConfig config = TinyModels.builder().optActivation(activation).optPosEncodingType(positions)
                .optReductionFactor(r).optEncoderPrenet(encoderPrenet).build();
        GenerationOptions options = fixedSteps(8).optInferencePrenetDropout(false).optCrossWin(null).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config, TinyModels.VOCAB, TinyModels.MELS, m, 11)) {
            List<int[]> texts = List.of(TEXT, OTHER);
            List<GenerationResult> fast = model.greedyGenerateFast(texts, options);
            List<GenerationResult> slow = model.generateUncached(texts, options);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(fast.get(i).frames()).isEqualTo(8 * r);
                assertThat(maxDiff(fast.get(i).melBeforePostnet(), slow.get(i).melBeforePostnet())).isLessThan(1e-4f);
                assertThat(maxDiff(fast.get(i).mel(), slow.get(i).mel())).isLessThan(1e-4f);
                assertThat(maxDiff(fast.get(i).stopProbabilities(), slow.get(i).stopProbabilities()))
                        .isLessThan(1e-4f);
                assertThat(maxDiff(fast.get(i).alignment(), slow.get(i).alignment())).isLessThan(1e-4f);
            }
            // The frames are not trivially equal to one another (the comparison means something).
            float[][] mel = fast.get(0).melBeforePostnet();
            assertThat(maxDiff(mel[1], mel[mel.length - 1])).isGreaterThan(1e-4f);
        }
    }

    @Test
    void cachedAndUncachedAgreeWithWindowAndPrenetDropout() {
        GenerationOptions options = fixedSteps(10).optCrossWin(0.3).optInferencePrenetDropout(true)
                .optTemperature(1.3).optSeed(5).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 12)) {
            GenerationResult fast = model.greedyGenerateFast(TEXT, options);
            GenerationResult slow = model.generateUncached(List.of(TEXT), options).get(0);
            assertThat(maxDiff(fast.mel(), slow.mel())).isLessThan(1e-4f);
            assertThat(maxDiff(fast.alignment(), slow.alignment())).isLessThan(1e-4f);
        }
    }

    @Test
    void crossWindowConfinesAttentionAroundThePreviousPeak() {
        double win = 0.25;
        GenerationOptions options = fixedSteps(15).optCrossWin(win).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 13)) {
            float[][] align = model.greedyGenerateFast(TEXT, options).alignment();
            int ahead = Math.max(2, (int) Math.floor(win * TEXT.length));
            int peak = 0;
            for (float[] row : align) {
                for (int j = 0; j < row.length; j++) {
                    boolean inside = j >= peak - 1 && j <= peak + ahead;
                    if (!inside) {
                        assertThat(row[j]).as("token %d outside window around %d", j, peak).isLessThan(1e-6f);
                    }
                }
                peak = argmax(row);
            }
            // Without the window, the first step looks beyond it.
            float[] first = model.greedyGenerateFast(TEXT, fixedSteps(1).optCrossWin(null).build()).alignment()[0];
            assertThat(first[TEXT.length - 1]).isGreaterThan(1e-6f);
        }
    }

    @Test
    void tokenWindowHoldsTheAttentionWithinAFixedReachOfThePreviousPeak() {
        int ahead = 2;
        GenerationOptions options = fixedSteps(15).optCrossWindow(CrossWindow.tokens(ahead)).build();
        int[] longText = new int[24];
        for (int i = 0; i < longText.length; i++) {
            longText[i] = 1 + (i * 7) % (TinyModels.VOCAB - 1);
        }
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 13)) {
            float[][] align = model.greedyGenerateFast(longText, options).alignment();
            int peak = 0;
            for (float[] row : align) {
                for (int j = 0; j < row.length; j++) {
                    if (j < peak - 1 || j > peak + ahead) {
                        assertThat(row[j]).as("token %d outside window around %d", j, peak).isLessThan(1e-6f);
                    }
                }
                int next = argmax(row);
                assertThat(next - peak).as("the peak moves at most %d tokens a step", ahead).isLessThanOrEqualTo(ahead);
                peak = next;
            }
            // A share of this input would have reached further: 0.2 of 24 tokens is 4.
            assertThat(CrossWindow.share(0.2).ahead(longText.length)).isGreaterThan(ahead);
            GenerationResult slow = model.generateUncached(List.of(longText), options).get(0);
            assertThat(maxDiff(align, slow.alignment())).isLessThan(1e-4f);
        }
    }

    static int argmax(float[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    @Test
    void batchedGenerationMatchesOneByOne() {
        GenerationOptions options = fixedSteps(8).optSeed(3).build(); // prenet dropout on: seeded draws
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 14)) {
            List<GenerationResult> batch = model.greedyGenerateFast(List.of(TEXT, OTHER), options);
            assertThat(maxDiff(batch.get(0).mel(), model.greedyGenerateFast(TEXT, options).mel())).isLessThan(1e-4f);
            assertThat(maxDiff(batch.get(1).mel(), model.greedyGenerateFast(OTHER, options).mel())).isLessThan(1e-4f);
        }
    }

    @Test
    void eachItemStopsOnItsOwn() {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 15)) {
            // Bias the stop head so that it fires at once, then check min steps holds each item back.
            model.parameters().get("decoder.stop_proj.bias").set(new float[] {10f});
            List<GenerationResult> results = model.greedyGenerateFast(List.of(TEXT, OTHER),
                    GenerationOptions.builder().optMaxSteps(20).build());
            assertThat(results).allSatisfy(r -> {
                assertThat(r.stopped()).isTrue();
                assertThat(r.frames()).isEqualTo(1);
            });
            GenerationResult held = model.greedyGenerateFast(TEXT,
                    GenerationOptions.builder().optMaxSteps(20).optMinSteps(4).build());
            assertThat(held.frames()).isEqualTo(4);
            assertThat(held.stopProbabilities()).hasSize(4);
            assertThat(held.alignment()).hasNumberOfRows(4);
            model.parameters().get("decoder.stop_proj.bias").set(new float[] {-10f});
            GenerationResult never = model.greedyGenerateFast(TEXT, GenerationOptions.builder().optMaxSteps(6).build());
            assertThat(never.stopped()).isFalse();
            assertThat(never.frames()).isEqualTo(6);
        }
    }

    @Test
    void temperatureSemantics() {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 16)) {
            GenerationOptions.Builder base = fixedSteps(10).optInferencePrenetDropout(false);
            GenerationResult greedyA = model.greedyGenerateFast(TEXT, base.optSeed(1).optTemperature(1.0).build());
            GenerationResult greedyB = model.greedyGenerateFast(TEXT, base.optSeed(2).optTemperature(1.0).build());
            // Temperature 1 without dropout: no randomness at all, whatever the seed.
            assertThat(maxDiff(greedyA.mel(), greedyB.mel())).isEqualTo(0f);

            GenerationResult hotA = model.greedyGenerateFast(TEXT, base.optSeed(1).optTemperature(1.5).build());
            GenerationResult hotA2 = model.greedyGenerateFast(TEXT, base.optSeed(1).optTemperature(1.5).build());
            GenerationResult hotB = model.greedyGenerateFast(TEXT, base.optSeed(2).optTemperature(1.5).build());
            assertThat(maxDiff(hotA.mel(), hotA2.mel())).isEqualTo(0f);
            assertThat(maxDiff(hotA.mel(), hotB.mel())).isGreaterThan(1e-3f);
            assertThat(maxDiff(hotA.mel(), greedyA.mel())).isGreaterThan(1e-3f);
            // The first frame is fed nothing but the zero frame: the noise shows from the second on.
            assertThat(maxDiff(hotA.melBeforePostnet()[0], greedyA.melBeforePostnet()[0])).isEqualTo(0f);
        }
        assertThatThrownBy(() -> GenerationOptions.builder().optTemperature(0.7).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("temperature")
                .hasMessageContaining("0.7");
    }

    @Test
    void inferencePrenetDropoutIsSeeded() {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 17)) {
            GenerationOptions.Builder on = fixedSteps(6).optInferencePrenetDropout(true);
            float[][] a = model.greedyGenerateFast(TEXT, on.optSeed(1).build()).mel();
            float[][] a2 = model.greedyGenerateFast(TEXT, on.optSeed(1).build()).mel();
            float[][] b = model.greedyGenerateFast(TEXT, on.optSeed(2).build()).mel();
            float[][] off = model.greedyGenerateFast(TEXT, fixedSteps(6).optInferencePrenetDropout(false).build()).mel();
            assertThat(maxDiff(a, a2)).isEqualTo(0f);
            assertThat(maxDiff(a, b)).isGreaterThan(1e-4f);
            assertThat(maxDiff(a, off)).isGreaterThan(1e-4f);
        }
    }
}
