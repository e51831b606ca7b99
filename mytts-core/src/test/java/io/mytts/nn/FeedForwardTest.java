package io.mytts.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mytts.config.Activation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FeedForwardTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void computesItsFormulaAndTheFrozenFormAgrees(Activation activation) {
        try (NDManager m = NDManager.newBaseManager(); ParameterSet params = new ParameterSet(m, 7)) {
            FeedForward ffn = new FeedForward(params, "ffn", new FeedForward.Config(4, 6, activation, 0.1));
            m.getEngine().setRandomSeed(7);
            NDArray x = m.randomNormal(new Shape(2, 3, 4));
            NDArray h = x.matMul(params.get("ffn.w1.weight")).add(params.get("ffn.w1.bias"));
            if (activation == Activation.GELU) {
                // erf form: x/2 · (1 + erf(x/√2))
                h = h.mul(h.div(Math.sqrt(2)).erf().add(1)).mul(0.5);
            } else {
                NDArray up = x.matMul(params.get("ffn.w3.weight")).add(params.get("ffn.w3.bias"));
                h = h.mul(h.neg().exp().add(1).pow(-1)).mul(up);
            }
            NDArray expected = h.matMul(params.get("ffn.w2.weight")).add(params.get("ffn.w2.bias"));
            assertThat(ffn.forward(x, false).sub(expected).abs().max().getFloat()).isLessThan(1e-5f);
            try (NDManager generation = m.newSubManager()) {
                assertThat(ffn.freeze(generation).forward(x).sub(expected).abs().max().getFloat()).isLessThan(1e-5f);
            }
            // Training mode applies dropout: the output changes.
            assertThat(ffn.forward(x, true).sub(expected).abs().max().getFloat()).isGreaterThan(1e-4f);
            assertThat(params.arrays()).hasSize(activation == Activation.SWIGLU ? 6 : 4);
        }
    }
}
