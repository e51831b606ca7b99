package io.mytts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The smallest model the loop trains, docs/train.md's worked example: {@code y = x·w + b} with a
 * mean squared error. Its batch type is its own; nothing of text-to-speech is in it.
 */
final class LinearRegression implements TrainableModel<LinearRegression.Batch>, AutoCloseable {

    /** Rows of inputs and their targets. */
    record Batch(float[][] x, float[] y) {}

    private final NDManager manager = NDManager.newBaseManager();
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();

    LinearRegression(int inputs, long seed) {
        Random r = new Random(seed);
        float[] w = new float[inputs];
        for (int i = 0; i < inputs; i++) {
            w[i] = (float) r.nextGaussian();
        }
        parameters.put("w", manager.create(w, new Shape(inputs, 1)));
        parameters.put("b", manager.zeros(new Shape(1)));
        parameters.values().forEach(p -> p.setRequiresGradient(true));
    }

    @Override
    public List<ParameterGroup> parameterGroups() {
        return List.of(new ParameterGroup(ParameterGroup.MODEL, parameters));
    }

    /** The mean squared error and, as a part, the mean absolute error, from arrays in {@code m}. */
    private NamedLosses losses(NDManager m, Batch batch) {
        NDArray x = m.create(batch.x());
        NDArray y = m.create(batch.y()).reshape(-1, 1);
        NDArray error = x.matMul(parameters.get("w")).add(parameters.get("b")).sub(y);
        return NamedLosses.of(error.square().mean()).with("abs_error", error.abs().mean());
    }

    @Override
    public void trainStep(TrainingStep step, Batch batch) {
        step.update(m -> losses(m, batch));
    }

    @Override
    public void validate(Validation v, Batch batch) {
        v.add(losses(v.manager(), batch).values());
    }

    @Override
    public long frames(Batch batch) {
        return batch.y().length;
    }

    @Override
    public void save(Path folder, Map<String, Object> facts) throws IOException {
        try (NDManager tmp = manager.newSubManager(); OutputStream out = Files.newOutputStream(folder.resolve("linear.npz"))) {
            NDList named = new NDList();
            parameters.forEach((name, p) -> {
                NDArray c = p.duplicate();
                c.attach(tmp);
                c.setName(name);
                named.add(c);
            });
            named.encode(out, NDList.Encoding.NPZ);
        }
    }

    @Override
    public void load(Path folder) throws IOException {
        try (NDManager tmp = manager.newSubManager(); InputStream in = Files.newInputStream(folder.resolve("linear.npz"))) {
            for (NDArray a : NDList.decode(tmp, in)) {
                a.copyTo(parameters.get(a.getName()));
            }
        }
    }

    float[] weights() {
        return parameters.get("w").toFloatArray();
    }

    @Override
    public void close() {
        manager.close();
    }
}
