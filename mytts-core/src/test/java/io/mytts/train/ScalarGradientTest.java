package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.mytts.config.MelLoss;
import io.mytts.nn.Scalars;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradients through scalars survive a garbage collection between the forward and the backward
 * pass: the cause of two identical runs drifting apart (docs/train.md, "Reproducibility").
 */
class ScalarGradientTest {

    /**
     * Runs the collector, so that Java buffers no longer referenced are freed, and fills new
     * direct buffers with other values, so that freed memory holds something else.
     */
    static void collectGarbageAndReuseItsMemory() {
        System.gc();
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4 << (i % 8));
            for (int k = 0; k + 4 <= b.capacity(); k += 4) {
                b.putFloat(k, 1000f + i);
            }
            junk.add(b);
        }
        assertThat(junk).hasSize(256);
    }

    private static float[] gradient(NDArray x, Function<NDArray, NDArray> f, boolean collect) {
        try (NDManager m = x.getManager().newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x);
                if (collect) {
                    collectGarbageAndReuseItsMemory();
                }
                gc.backward(y);
            }
            NDArray g = x.getGradient();
            g.attach(m);
            float[] v = g.toFloatArray();
            AdamOptimizer.zeroGradients(List.of(x));
            return v;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void scalarsAndLossesGiveTheSameGradientsWhenTheCollectorRunsBeforeTheBackwardPass(long seed) {
        Random r = new Random(seed);
        float[] v = new float[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(v, new Shape(2, 3, 4));
            x.setRequiresGradient(true);
            NDArray target = m.zeros(new Shape(2, 3, 4));
            List<Function<NDArray, NDArray>> functions = List.of(
                    a -> Scalars.mul(a, 3).sum(),
                    a -> Scalars.div(a, 7).sum(),
                    a -> Scalars.maximum(a, 0.1).sum(),
                    a -> Losses.maskedMel(a, target, new int[] {3, 2}, MelLoss.L1),
                    a -> Losses.stopBce(a.reshape(2, 12), target.reshape(2, 12), new int[] {12, 7}, 5),
                    a -> Losses.guidedAttention(a.reshape(2, 1, 3, 4).softmax(3), new int[] {3, 2},
                            new int[] {4, 3}, null, 0.2));
            for (int k = 0; k < functions.size(); k++) {
                float[] quiet = gradient(x, functions.get(k), false);
                for (int rep = 0; rep < 5; rep++) {
                    assertThat(gradient(x, functions.get(k), true)).as("function %d, repeat %d", k, rep)
                            .containsExactly(quiet);
                }
            }
        }
    }
}
