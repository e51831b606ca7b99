package io.mytts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.mytts.InvalidInputException;
import io.mytts.config.Activation;
import io.mytts.config.ModelConfig;
import io.mytts.config.PositionEncoding;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformerTTSTest {

    private static NDArray randomTokens(NDManager m, Random random, int batch, int tokens) {
        int[] ids = new int[batch * tokens];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1 + random.nextInt(TinyModels.VOCAB - 1);
        }
        return m.create(ids, new Shape(batch, tokens));
    }

    private static NDArray randomMels(NDManager m, Random random, int batch, int frames) {
        float[] v = new float[batch * frames * TinyModels.MELS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return m.create(v, new Shape(batch, frames, TinyModels.MELS));
    }

    @ParameterizedTest
    @CsvSource({"1, 7", "2, 7", "3, 9", "2, 2", "3, 2"})
    void forwardReturnsShapesForAnyFrameCount(int r, int frames) {
        ModelConfig config = TinyModels.builder().optReductionFactor(r).optEncoderPrenet(true).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config, TinyModels.VOCAB, TinyModels.MELS, m, 1)) {
            Random random = new Random(r);
            ForwardOutput out = model.forward(randomTokens(m, random, 2, 5), new int[] {5, 3},
                    randomMels(m, random, 2, frames), new int[] {frames, frames - 2}, false);
            int steps = (frames + r - 1) / r;
            assertThat(out.melBefore().getShape()).isEqualTo(new Shape(2, frames, TinyModels.MELS));
            assertThat(out.melAfter().getShape()).isEqualTo(new Shape(2, frames, TinyModels.MELS));
            assertThat(out.stopLogits().getShape()).isEqualTo(new Shape(2, frames));
            assertThat(out.crossAttention()).hasSize(2);
            assertThat(out.crossAttention().get(1).getShape()).isEqualTo(new Shape(2, 2, steps, 5));
            // Padded tokens get no attention: item 1 has 3 real tokens.
            float padded = out.crossAttention().get(0).get(new NDIndex("1, :, :, 3:")).sum().getFloat();
            assertThat(padded).isLessThan(1e-6f);
            assertThat(out.decoderStepLengths()).containsExactly(steps, (frames - 2 + r - 1) / r);
        }
    }

    @Test
    void parametersHaveReadableNames() {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 1)) {
            assertThat(model.parameters().arrays()).containsKeys("decoder.layers.1.cross_attn.wq.weight",
                    "encoder.layers.0.self_attn.wo.weight", "encoder.embedding.weight", "decoder.stop_proj.bias",
                    "postnet.convs.1.weight", "decoder.prenet.fc1.weight", "decoder.pos_alpha");
            Map<String, Long> counts = model.parameterCounts();
            long parts = counts.entrySet().stream().filter(e -> !e.getKey().equals("total"))
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(parts).isEqualTo(counts.get("total"));
            // Embedding: vocab × d_model, worked out by hand.
            assertThat(counts.get("embedding")).isEqualTo(TinyModels.VOCAB * 16L);
        }
    }

    @ParameterizedTest
    @CsvSource({"GELU, SINUSOIDAL", "GELU, ROPE", "SWIGLU, SINUSOIDAL", "SWIGLU, ROPE"})
    void changingFutureFramesLeavesEarlierOutputsUnchanged(Activation activation, PositionEncoding positions) {
        ModelConfig config = TinyModels.config(activation, positions);
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config, TinyModels.VOCAB, TinyModels.MELS, m, 3)) {
            Random random = new Random(5);
            NDArray tokens = randomTokens(m, random, 1, 6);
            NDArray mels = randomMels(m, random, 1, 10);
            NDArray changed = mels.duplicate();
            int k = 4;
            changed.set(new NDIndex(":, {}:", k), randomMels(m, random, 1, 10 - k));
            ForwardOutput a = model.forward(tokens, new int[] {6}, mels, new int[] {10}, false);
            ForwardOutput b = model.forward(tokens, new int[] {6}, changed, new int[] {10}, false);
            // With r = 1, frame k is first fed back at step k + 1: outputs 0..k must not move.
            NDIndex early = new NDIndex(":, :{}", k + 1);
            assertThat(maxAbsDiff(a.melBefore().get(early), b.melBefore().get(early))).isLessThan(1e-6f);
            assertThat(maxAbsDiff(a.stopLogits().get(early), b.stopLogits().get(early))).isLessThan(1e-6f);
            // ...and the test can fail: later outputs do move.
            NDIndex late = new NDIndex(":, {}:", k + 1);
            assertThat(maxAbsDiff(a.melBefore().get(late), b.melBefore().get(late))).isGreaterThan(1e-4f);
        }
    }

    @ParameterizedTest
    @CsvSource({"GELU, SINUSOIDAL, false", "SWIGLU, ROPE, true"})
    void oneBackwardPassReachesEveryParameter(Activation activation, PositionEncoding positions,
            boolean encoderPrenet) {
        ModelConfig config = TinyModels.builder().optActivation(activation).optPosEncodingType(positions)
                .optEncoderPrenet(encoderPrenet).optReductionFactor(2).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config, TinyModels.VOCAB, TinyModels.MELS, m, 4)) {
            model.parameters().setRequiresGradient(true);
            Random random = new Random(6);
            NDArray tokens = randomTokens(m, random, 2, 7);
            NDArray target = randomMels(m, random, 2, 9);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                ForwardOutput out = model.forward(tokens, new int[] {7, 5}, target, new int[] {9, 6}, false);
                NDArray loss = out.melBefore().sub(target).abs().mean()
                        .add(out.melAfter().sub(target).abs().mean())
                        .add(out.stopLogits().mean());
                collector.backward(loss);
            }
            for (Map.Entry<String, NDArray> e : model.parameters().arrays().entrySet()) {
                try (NDArray grad = e.getValue().getGradient()) {
                    assertThat(grad.isNaN().any().getBoolean()).as("NaN in %s", e.getKey()).isFalse();
                    assertThat(grad.isInfinite().any().getBoolean()).as("inf in %s", e.getKey()).isFalse();
                    assertThat(grad.abs().max().getFloat()).as("gradient of %s", e.getKey()).isGreaterThan(0f);
                }
            }
        }
    }

    @Test
    void trainingModeAppliesDropoutAndDropPathOnlyWhenTheirRatesAreSet() {
        ModelConfig noisy = TinyModels.builder().optDropoutRate(0.2).optDroppathRate(0.3).optEncoderPrenet(true).build();
        ModelConfig quiet = noisy.toBuilder().optDropoutRate(0).optDroppathRate(0).optPrenetDrop(0).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS a = new TransformerTTS(noisy, TinyModels.VOCAB, TinyModels.MELS, m, 8);
                TransformerTTS b = new TransformerTTS(quiet, TinyModels.VOCAB, TinyModels.MELS, m, 8)) {
            Random random = new Random(9);
            NDArray tokens = randomTokens(m, random, 2, 6);
            NDArray mels = randomMels(m, random, 2, 8);
            int[] tl = {6, 4};
            int[] ml = {8, 5};
            NDArray eval = a.forward(tokens, tl, mels, ml, false).melAfter();
            NDArray train1 = a.forward(tokens, tl, mels, ml, true).melAfter();
            NDArray train2 = a.forward(tokens, tl, mels, ml, true).melAfter();
            assertThat(train1.isNaN().any().getBoolean()).isFalse();
            assertThat(maxAbsDiff(train1, train2)).isGreaterThan(1e-4f);
            assertThat(maxAbsDiff(train1, eval)).isGreaterThan(1e-4f);
            // Same seed, same weights: without any rate, training mode is the evaluation pass.
            assertThat(maxAbsDiff(b.forward(tokens, tl, mels, ml, true).melAfter(), eval)).isLessThan(1e-6f);
        }
    }

    @Test
    void maxLengthIsEnforcedWithAClearError() {
        ModelConfig config = TinyModels.builder().optMaxLength(8).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config, TinyModels.VOCAB, TinyModels.MELS, m, 1)) {
            Random random = new Random(1);
            assertThatThrownBy(() -> model.forward(randomTokens(m, random, 1, 9), new int[] {9},
                    randomMels(m, random, 1, 4), new int[] {4}, false))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("max_length of 8")
                    .hasMessageContaining("9 tokens");
            assertThatThrownBy(() -> model.forward(randomTokens(m, random, 1, 3), new int[] {3},
                    randomMels(m, random, 1, 9), new int[] {9}, false))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("max_length");
            assertThatThrownBy(() -> model.greedyGenerateFast(new int[9], GenerationOptions.defaults()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("max_length");
            assertThatThrownBy(() -> model.greedyGenerateFast(new int[] {1, 2},
                    GenerationOptions.builder().optMaxSteps(9).build()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("max_length");
            // Within the limit, all is well.
            assertThat(model.forward(randomTokens(m, random, 1, 8), new int[] {8}, randomMels(m, random, 1, 8),
                    new int[] {8}, false).melAfter().getShape().get(1)).isEqualTo(8);
        }
    }

    @Test
    void tokenOutsideVocabularyIsAClearError() {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 1)) {
            assertThatThrownBy(() -> model.greedyGenerateFast(new int[] {1, TinyModels.VOCAB},
                    GenerationOptions.defaults())).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("vocabulary");
        }
    }

    static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
