package io.mytts.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Compares autograd gradients with central finite differences of {@code loss = sum(f() · R)} for a
 * fixed random {@code R}. The blocks checked are linear in each input, so the differences are exact
 * up to float rounding and a loose tolerance suffices.
 */
final class GradientCheck {

    private GradientCheck() {}

    /** Checks the gradient of each array in {@code inputs} at {@code probes} random elements. */
    static void check(NDManager m, Supplier<NDArray> f, List<NDArray> inputs, long seed, int probes) {
        for (NDArray in : inputs) {
            in.setRequiresGradient(true);
        }
        NDArray r;
        float[][] grads = new float[inputs.size()][];
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = f.get();
            m.getEngine().setRandomSeed((int) seed);
            r = m.randomNormal(y.getShape());
            collector.backward(y.mul(r).sum());
        }
        for (int i = 0; i < inputs.size(); i++) {
            grads[i] = inputs.get(i).getGradient().toFloatArray();
            inputs.get(i).setRequiresGradient(false); // perturbed in place below
        }
        Random random = new Random(seed);
        float eps = 1e-2f;
        for (int i = 0; i < inputs.size(); i++) {
            NDArray in = inputs.get(i);
            float[] values = in.toFloatArray();
            for (int p = 0; p < probes; p++) {
                int k = random.nextInt(values.length);
                float original = values[k];
                values[k] = original + eps;
                in.set(values);
                float plus = f.get().mul(r).sum().getFloat();
                values[k] = original - eps;
                in.set(values);
                float minus = f.get().mul(r).sum().getFloat();
                values[k] = original;
                in.set(values);
                float numeric = (plus - minus) / (2 * eps);
                assertThat(grads[i][k]).as("input %d element %d", i, k)
                        .isCloseTo(numeric, within(2e-3f + 2e-3f * Math.abs(numeric)));
            }
        }
    }
}
