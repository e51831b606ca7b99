package io.mytts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.mytts.InvalidInputException;
import io.mytts.config.TrainConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with optional decoupled weight decay (AdamW), written here because DJL's Adam keeps its
 * moments private: this one keys them by parameter name and saves them, so a resumed run takes
 * exactly the steps an uninterrupted one would.
 *
 * <p>Update at step t (the count of updates taken, from 1):
 * {@code m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; w -= lr·wd·w;
 * w -= lr · (m / (1-β1^t)) / (sqrt(v / (1-β2^t)) + ε)}. Weight decay applies to matrices and
 * kernels (two or more dimensions), not to biases or normalisation gains.
 */
public final class AdamOptimizer implements AutoCloseable {

    private static final String STEP_KEY = "__step__";

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final NDManager stateManager;
    private final Map<String, NDArray> firstMoments = new HashMap<>();
    private final Map<String, NDArray> secondMoments = new HashMap<>();
    private long updates;

    public AdamOptimizer(double beta1, double beta2, double eps, double weightDecay, NDManager parent) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.stateManager = parent.newSubManager();
    }

    public static AdamOptimizer of(TrainConfig c, NDManager parent) {
        return new AdamOptimizer(c.adamBeta1(), c.adamBeta2(), c.adamEps(), c.weightDecay(), parent);
    }

    /** Updates taken so far (skipped steps do not count). */
    public long updates() {
        return updates;
    }

    /**
     * One update of every parameter that has a gradient, then the gradients are zeroed (the
     * gradient collector only ever adds to them).
     *
     * @param parameters live parameter arrays by name
     * @param gradients their gradients by name (already clipped); arrays in a step manager
     * @param lr learning rate of this step
     */
    public void step(Map<String, NDArray> parameters, Map<String, NDArray> gradients, double lr) {
        updates++;
        double correction1 = 1 - Math.pow(beta1, updates);
        double correction2 = 1 - Math.pow(beta2, updates);
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray grad = gradients.get(e.getKey());
                if (grad == null) {
                    continue;
                }
                update(e.getKey(), e.getValue(), grad, lr, correction1, correction2);
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        zeroGradients(parameters.values());
    }

    private void update(String name, NDArray weight, NDArray grad, double lr, double c1, double c2) {
        try (NDManager scratch = grad.getManager().newSubManager()) {
            NDArray m = firstMoments.computeIfAbsent(name, k -> zerosLike(weight));
            NDArray v = secondMoments.computeIfAbsent(name, k -> zerosLike(weight));
            NDArray g = grad;
            if (g.getDataType() != weight.getDataType()) {
                g = scratch(grad.toType(weight.getDataType(), false), scratch);
            }
            // Moments in place; temporaries are made from g (the step's) or attached to scratch.
            m.muli((float) beta1).addi(scratch(g.mul((float) (1 - beta1)), scratch));
            v.muli((float) beta2).addi(scratch(g.square(), scratch).muli((float) (1 - beta2)));
            // lr · m̂ / (sqrt(v̂) + ε) with m̂ = m / c1 and sqrt(v̂) = sqrt(v) / sqrt(c2).
            NDArray denominator = scratch(v.sqrt(), scratch).muli((float) (1 / Math.sqrt(c2))).addi((float) eps);
            NDArray delta = scratch(m.div(denominator), scratch).muli((float) (lr / c1));
            if (weightDecay > 0 && weight.getShape().dimension() >= 2) {
                weight.muli((float) (1 - lr * weightDecay));
            }
            weight.subi(delta);
        }
    }

    private static NDArray scratch(NDArray a, NDManager scratch) {
        a.attach(scratch);
        return a;
    }

    private NDArray zerosLike(NDArray weight) {
        return stateManager.zeros(weight.getShape(), weight.getDataType());
    }

    /** Sets every parameter's gradient to zero (NaN included, unlike multiplying by 0). */
    public static void zeroGradients(Iterable<NDArray> parameters) {
        for (NDArray p : parameters) {
            if (p.hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) p);
            }
        }
    }

    /** Writes the update count and both moments, by parameter name, as an NPZ archive. */
    public void save(OutputStream out) throws IOException {
        try (NDManager tmp = stateManager.newSubManager()) {
            List<NDArray> arrays = new ArrayList<>();
            NDArray step = tmp.create(new long[] {updates});
            step.setName(STEP_KEY);
            arrays.add(step);
            for (Map.Entry<String, NDArray> e : firstMoments.entrySet()) {
                arrays.add(named(e.getValue(), "m/" + e.getKey(), tmp));
                arrays.add(named(secondMoments.get(e.getKey()), "v/" + e.getKey(), tmp));
            }
            new NDList(arrays).encode(out, NDList.Encoding.NPZ);
        }
    }

    private static NDArray named(NDArray source, String name, NDManager tmp) {
        NDArray copy = source.duplicate();
        copy.attach(tmp);
        copy.setName(name);
        return copy;
    }

    public void save(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            save(out);
        }
    }

    /** Replaces the state with one written by {@link #save}. */
    public void load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            NDList list = NDList.decode(stateManager, in);
            clearState();
            for (NDArray a : list) {
                String name = a.getName();
                if (STEP_KEY.equals(name)) {
                    updates = a.toLongArray()[0];
                    a.close();
                } else if (name != null && name.startsWith("m/")) {
                    firstMoments.put(name.substring(2), a);
                } else if (name != null && name.startsWith("v/")) {
                    secondMoments.put(name.substring(2), a);
                } else {
                    throw new InvalidInputException("optimizer state " + file
                            + " holds an unknown array '" + name + "'; is it an optimizer file?");
                }
            }
        }
    }

    private void clearState() {
        firstMoments.values().forEach(NDArray::close);
        secondMoments.values().forEach(NDArray::close);
        firstMoments.clear();
        secondMoments.clear();
        updates = 0;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
