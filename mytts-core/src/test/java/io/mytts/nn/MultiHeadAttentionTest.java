package io.mytts.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generation forms of attention give what the whole-sequence forms give, step by step. */
class MultiHeadAttentionTest {

    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @ParameterizedTest
    @CsvSource({"1, 1, false", "2, 2, false", "3, 1, true", "4, 3, true"})
    void cachedStepsMatchCausalSelfAttention(long seed, int batch, boolean rotary) {
        int d = 8;
        int steps = 5;
        try (NDManager m = NDManager.newBaseManager(); ParameterSet params = new ParameterSet(m, seed)) {
            MultiHeadAttention attention = new MultiHeadAttention(params, "a", new MultiHeadAttention.Config(d, 2, 0));
            m.getEngine().setRandomSeed((int) seed);
            NDArray x = m.randomNormal(new Shape(batch, steps, d));
            int[] lengths = new int[batch];
            java.util.Arrays.fill(lengths, steps);
            NDArray full = attention.selfAttention(x, Masks.causal(m, lengths, steps),
                    rotary ? Positions.rotary(m, 0, steps, 4) : null, false).output();
            try (NDManager generation = m.newSubManager()) {
                MultiHeadAttention.Cached cached = attention.cached(generation, batch, steps);
                for (int t = 0; t < steps; t++) {
                    try (NDManager step = generation.newSubManager()) {
                        NDArray xt = x.get(new NDIndex(":, {}", t));
                        NDArray residual = step.randomNormal(new Shape(batch, d));
                        NDArray out = cached.step(xt, residual, rotary ? Positions.rotary(step, t, 1, 4) : null, step);
                        assertThat(maxDiff(out.sub(residual), full.get(new NDIndex(":, {}", t))))
                                .as("step %d", t).isLessThan(1e-5f);
                    }
                }
                assertThatThrownBy(() -> cached.step(x.get(new NDIndex(":, 0")), x.get(new NDIndex(":, 0")), null,
                        generation)).hasMessageContaining("holds " + steps + " steps");
            }
            assertThat(params.getManager().getManagedArrays()).hasSize(4);
        }
    }

    @ParameterizedTest
    @CsvSource({"5, 1, false", "6, 2, false", "7, 1, true", "8, 3, true"})
    void stepsOverAMemoryMatchAttention(long seed, int batch, boolean masked) {
        int d = 12;
        int tokens = 6;
        try (NDManager m = NDManager.newBaseManager(); ParameterSet params = new ParameterSet(m, seed)) {
            MultiHeadAttention attention = new MultiHeadAttention(params, "a", new MultiHeadAttention.Config(d, 3, 0));
            m.getEngine().setRandomSeed((int) seed);
            NDArray source = m.randomNormal(new Shape(batch, tokens, d));
            NDArray x = m.randomNormal(new Shape(batch, d));
            NDArray residual = m.randomNormal(new Shape(batch, d));
            int[] lengths = new int[batch];
            for (int b = 0; b < batch; b++) {
                lengths[b] = masked ? tokens - 1 - b : tokens;
            }
            NDArray bias = masked ? Masks.keyPadding(m, lengths, tokens) : null;
            MultiHeadAttention.Memory memory = attention.memory(source);
            MultiHeadAttention.Attended expected = attention.attend(attention.queries(x.expandDims(1)), memory.keys(),
                    memory.values(), bias, false);
            try (NDManager generation = m.newSubManager()) {
                MultiHeadAttention.Attended actual = attention.overMemory(generation, memory).step(x, residual, bias);
                assertThat(maxDiff(actual.output().sub(residual), expected.output().squeeze(1))).isLessThan(1e-5f);
                assertThat(maxDiff(actual.weights(), expected.weights())).isLessThan(1e-6f);
                if (masked) {
                    assertThat(actual.weights().get(new NDIndex(":, :, :, {}:", tokens - 1)).max().getFloat())
                            .isLessThan(1e-9f);
                }
            }
            assertThat(params.getManager().getManagedArrays()).hasSize(4);
        }
    }
}
