package io.mytts.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/** Batches of {@code y = x·w + 0.5 + noise} for {@link LinearRegression}, in a fixed cycle. */
final class LinearData implements BatchSource<LinearRegression.Batch> {

    static final float BIAS = 0.5f;

    private final List<LinearRegression.Batch> batches = new ArrayList<>();
    private final float[] w;
    private int position;
    /** Replaces the batch of a call (1-based), e.g. with NaN. */
    IntFunction<LinearRegression.Batch> override = i -> null;

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

    LinearRegression.Batch batch(int i) {
        return batches.get(i);
    }

    float[] trueWeights() {
        return w.clone();
    }

    static LinearRegression.Batch poisoned(LinearRegression.Batch b) {
        float[] y = b.y().clone();
        y[0] = Float.NaN;
        return new LinearRegression.Batch(b.x(), y);
    }

    @Override
    public LinearRegression.Batch next() {
        position++;
        LinearRegression.Batch o = override.apply(position);
        return o != null ? o : batches.get((position - 1) % batches.size());
    }

    @Override
    public JsonNode position() {
        return IntNode.valueOf(position);
    }

    @Override
    public void seek(JsonNode p) {
        position = p.asInt();
    }

    @Override
    public List<LinearRegression.Batch> validation() {
        return batches.subList(0, 1);
    }

    @Override
    public Path manifest() {
        return null;
    }
}
