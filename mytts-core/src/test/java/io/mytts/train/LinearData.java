package io.mytts.train;

import java.util.Random;

/** Batches of {@code y = x·w + 0.5 + noise} for {@link LinearRegression}, in a fixed cycle. */
final class LinearData extends CyclingBatches<LinearRegression.Batch> {

    static final float BIAS = 0.5f;

    private final float[] w;

    LinearData(int inputs, int count, int rows, long seed) {
        Random r = new Random(seed);
        w = new float[inputs];
        for (int i = 0; i < inputs; i++) {
            w[i] = (float) r.nextGaussian();
        }
        for (int k = 0; k < count; k++) {
            float[][] x = new float[rows][inputs];
            float[] y = new float[rows];
            for (int n = 0; n < rows; n++) {
                y[n] = BIAS + (float) (0.01 * r.nextGaussian());
                for (int i = 0; i < inputs; i++) {
                    x[n][i] = (float) r.nextGaussian();
                    y[n] += x[n][i] * w[i];
                }
            }
            batches.add(new LinearRegression.Batch(x, y));
        }
    }

    float[] trueWeights() {
        return w.clone();
    }

    static LinearRegression.Batch poisoned(LinearRegression.Batch b) {
        float[] y = b.y().clone();
        y[0] = Float.NaN;
        return new LinearRegression.Batch(b.x(), y);
    }
}
