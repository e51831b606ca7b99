package io.mytts.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearTest {

    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void forwardIsTheAffineMapAndFrozenFormsAgree(long seed) {
        try (NDManager m = NDManager.newBaseManager(); ParameterSet params = new ParameterSet(m, seed)) {
            Linear a = new Linear(params, "a", Linear.Config.of(5, 3));
            Linear b = new Linear(params, "b", Linear.Config.of(5, 4).withoutBias());
            m.getEngine().setRandomSeed((int) seed);
            params.get("a.bias").set(m.randomNormal(new Shape(3)).toFloatArray());
            NDArray x = m.randomNormal(new Shape(2, 7, 5));
            NDArray expectedA = x.matMul(params.get("a.weight")).add(params.get("a.bias"));
            NDArray expectedB = x.matMul(params.get("b.weight"));
            assertThat(maxDiff(a.forward(x), expectedA)).isLessThan(1e-5f);
            assertThat(maxDiff(b.forward(x), expectedB)).isLessThan(1e-5f);
            assertThat(params.arrays().keySet()).containsExactly("a.weight", "a.bias", "b.weight");

            try (NDManager generation = m.newSubManager()) {
                NDArray both = Linear.Frozen.concat(generation, List.of(a, b), 0.5).forward(x);
                NDArray expected = NDArrays.concat(new NDList(expectedA.mul(0.5), expectedB), 2);
                assertThat(maxDiff(both, expected)).isLessThan(1e-5f);
                NDArray x2 = m.randomNormal(new Shape(2, 5));
                NDArray residual = m.randomNormal(new Shape(2, 4));
                assertThat(maxDiff(b.freeze(generation).forwardPlus(x2, residual), b.forward(x2).add(residual)))
                        .isLessThan(1e-5f);
                NDArray residualA = m.randomNormal(new Shape(2, 3));
                assertThat(maxDiff(a.freeze(generation).forwardPlus(x2, residualA), a.forward(x2).add(residualA)))
                        .isLessThan(1e-5f);
            }
            assertThat(params.getManager().getManagedArrays()).hasSize(3);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void gradientsMatchFiniteDifferences(long seed) {
        try (NDManager m = NDManager.newBaseManager(); ParameterSet params = new ParameterSet(m, seed)) {
            Linear a = new Linear(params, "a", Linear.Config.of(4, 3));
            NDArray x = m.randomNormal(new Shape(2, 4));
            GradientCheck.check(m, () -> a.forward(x), List.of(x, params.get("a.weight"), params.get("a.bias")), seed, 6);
        }
    }
}
