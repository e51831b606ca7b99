package io.mytts.train;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One validation pass as a model sees it ({@link TrainableModel#validate}): a manager per batch,
 * values to average, and the samples (plots, audio) the run keeps.
 */
public final class Validation {

    private final long step;
    private final int samples;
    private final Map<String, double[]> sums = new LinkedHashMap<>();
    private final List<ValidationOutput> outputs = new ArrayList<>();
    private NDManager manager;
    private int taken;

    Validation(long step, int samples) {
        this.step = step;
        this.samples = samples;
    }

    void setManager(NDManager batchManager) {
        this.manager = batchManager;
    }

    /** The training step validated. */
    public long step() {
        return step;
    }

    /** A manager closed after the current batch. */
    public NDManager manager() {
        return manager;
    }

    /** Adds a value to the mean reported as {@code val_NAME} (once a batch, once an utterance: as fits). */
    public void add(String name, double value) {
        double[] s = sums.computeIfAbsent(name, k -> new double[2]);
        s[0] += value;
        s[1]++;
    }

    /** Adds each loss to its mean. */
    public void add(Map<String, Double> values) {
        values.forEach(this::add);
    }

    /**
     * The number of the next sample to output (0, 1, ...), or -1 when the run wants no more: call
     * it per utterance and output plots and audio tagged with the number when it is not -1.
     */
    public int takeSample() {
        return taken < samples ? taken++ : -1;
    }

    /** Something to look at or listen to, written into the run folder. */
    public void output(ValidationOutput output) {
        outputs.add(output);
    }

    List<ValidationOutput> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    Map<String, Double> means() {
        Map<String, Double> m = new LinkedHashMap<>();
        sums.forEach((k, s) -> m.put(k, s[0] / s[1]));
        return m;
    }
}
