package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdamOptimizerTest {

    /** Loss = sum(c ⊙ w²) per parameter, so the gradient is 2·c⊙w: easy to compute by hand. */
    private static Map<String, NDArray> gradientsOf(NDManager step, Map<String, NDArray> params,
            Map<String, float[]> coefficients) {
        try (GradientCollector gc = step.getEngine().newGradientCollector()) {
            NDArray loss = null;
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray c = step.create(coefficients.get(e.getKey()), e.getValue().getShape());
                NDArray term = e.getValue().square().mul(c).sum();
                term.attach(step);
                loss = loss == null ? term : loss.add(term);
            }
            gc.backward(loss);
        }
        Map<String, NDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray g = e.getValue().getGradient();
            g.attach(step);
            grads.put(e.getKey(), g);
        }
        return grads;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.01})
    void matchesAReferenceAdamWrittenInDoubles(double weightDecay) {
        Random r = new Random(7);
        float[] w0 = new float[6];
        float[] c = new float[6];
        for (int i = 0; i < 6; i++) {
            w0[i] = (float) r.nextGaussian();
            c[i] = (float) (0.5 + r.nextDouble());
        }
        double b1 = 0.9, b2 = 0.98, eps = 1e-9, lr = 0.01;
        // Reference: the same update in doubles.
        double[] w = new double[6];
        double[] m = new double[6];
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) {
            w[i] = w0[i];
        }
        try (NDManager base = NDManager.newBaseManager()) {
            NDArray p = base.create(w0, new ai.djl.ndarray.types.Shape(2, 3));
            p.setRequiresGradient(true);
            Map<String, NDArray> params = Map.of("layer.weight", p);
            try (AdamOptimizer adam = new AdamOptimizer(b1, b2, eps, weightDecay, base)) {
                for (int t = 1; t <= 5; t++) {
                    try (NDManager step = base.newSubManager()) {
                        adam.step(params, gradientsOf(step, params, Map.of("layer.weight", c)), lr);
                    }
                    for (int i = 0; i < 6; i++) {
                        double g = 2 * c[i] * w[i];
                        m[i] = b1 * m[i] + (1 - b1) * g;
                        v[i] = b2 * v[i] + (1 - b2) * g * g;
                        double mh = m[i] / (1 - Math.pow(b1, t));
                        double vh = v[i] / (1 - Math.pow(b2, t));
                        w[i] -= lr * weightDecay * w[i];
                        w[i] -= lr * mh / (Math.sqrt(vh) + eps);
                    }
                }
                float[] got = p.toFloatArray();
                for (int i = 0; i < 6; i++) {
                    assertThat((double) got[i]).isCloseTo(w[i], within(1e-5));
                }
                assertThat(adam.updates()).isEqualTo(5);
                // Gradients were zeroed after the last update.
                NDArray g = p.getGradient();
                assertThat(g.abs().sum().getFloat()).isZero();
                g.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void savedStateResumesExactly(int stepsBeforeSave, @TempDir Path dir) throws Exception {
        float[] w0 = {0.3f, -1.2f, 2.0f, 0.7f};
        float[] c = {1f, 2f, 0.5f, 1.5f};
        float[] uninterrupted;
        float[] resumed;
        try (NDManager base = NDManager.newBaseManager()) {
            uninterrupted = run(base, w0, c, 6, null, 0, dir);
        }
        try (NDManager base = NDManager.newBaseManager()) {
            resumed = run(base, w0, c, 6, dir.resolve("adam.npz"), stepsBeforeSave, dir);
        }
        assertThat(resumed).containsExactly(uninterrupted);
    }

    /** Runs {@code steps} updates; when {@code file} is set, saves after {@code saveAt} and continues in a fresh optimizer. */
    private static float[] run(NDManager base, float[] w0, float[] c, int steps, Path file, int saveAt, Path dir)
            throws Exception {
        NDArray p = base.create(w0);
        p.setRequiresGradient(true);
        Map<String, NDArray> params = Map.of("w", p);
        AdamOptimizer adam = new AdamOptimizer(0.9, 0.98, 1e-9, 0, base);
        for (int t = 1; t <= steps; t++) {
            try (NDManager step = base.newSubManager()) {
                adam.step(params, gradientsOf(step, params, Map.of("w", c)), 0.05);
            }
            if (file != null && t == saveAt) {
                adam.save(file);
                adam.close();
                adam = new AdamOptimizer(0.9, 0.98, 1e-9, 0, base);
                adam.load(file);
                assertThat(adam.updates()).isEqualTo(saveAt);
            }
        }
        adam.close();
        return p.toFloatArray();
    }
}
