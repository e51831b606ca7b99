package io.mytts.train;

import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One training step as a model sees it ({@link TrainableModel#trainStep}): its number, a manager
 * that lives until the step ends, and {@link #update}, which runs a forward pass, backpropagates
 * its total and applies one group's optimizer.
 */
public final class TrainingStep {

    private final long number;
    private final boolean logging;
    private final NDManager manager;
    private final Map<String, ParameterUpdater> updaters;
    private final double lr;
    private final Map<String, Double> losses = new LinkedHashMap<>();
    private final Map<String, Double> measures = new LinkedHashMap<>();
    private final Map<String, UpdateMetrics> updates = new LinkedHashMap<>();

    TrainingStep(long number, boolean logging, NDManager manager, Map<String, ParameterUpdater> updaters,
            double lr) {
        this.number = number;
        this.logging = logging;
        this.manager = manager;
        this.updaters = updaters;
        this.lr = lr;
    }

    /** The step number, from 1. */
    public long number() {
        return number;
    }

    /** Whether this step's values go into a log line: the time for costly measures. */
    public boolean isLoggingStep() {
        return logging;
    }

    /** A manager closed when the step ends: for what several updates share (padded batches). */
    public NDManager manager() {
        return manager;
    }

    /**
     * An update of the only parameter group.
     *
     * @see #update(String, Function)
     */
    public Map<String, Double> update(Function<NDManager, NamedLosses> forward) {
        if (updaters.size() != 1) {
            throw new IllegalStateException("the model has " + updaters.size()
                    + " parameter groups: name the one to update");
        }
        return update(updaters.keySet().iterator().next(), forward);
    }

    /**
     * Runs {@code forward} with gradients recorded, backpropagates its total and applies
     * {@code group}'s optimizer: its gradients are clipped, and the update is skipped when the
     * loss or a gradient is not finite. Gradients that reach other groups are discarded.
     *
     * @param forward builds the losses in the manager it is given, which is closed right after the
     *     backward pass (read what you want from the forward's arrays inside it); it may also read
     *     from {@link #manager()}. Scalars that carry gradients go through {@code Scalars}, not
     *     DJL's {@code mul(Number)} (docs/train.md, "Reproducibility")
     * @return the values of the losses
     */
    public Map<String, Double> update(String group, Function<NDManager, NamedLosses> forward) {
        ParameterUpdater u = updaters.get(group);
        if (u == null) {
            throw new IllegalArgumentException("no parameter group '" + group + "'; the model has "
                    + updaters.keySet());
        }
        if (updates.containsKey(group)) {
            throw new IllegalStateException("group '" + group + "' was already updated in step " + number);
        }
        ParameterUpdater.Outcome o = u.update(manager, forward, lr, updaters.values());
        for (Map.Entry<String, Double> e : o.losses().entrySet()) {
            if (losses.put(e.getKey(), e.getValue()) != null) {
                throw new IllegalStateException("two updates of step " + number + " report '" + e.getKey() + "'");
            }
        }
        updates.put(group, o.metrics());
        return o.losses();
    }

    /** A value that is not a loss (a weight, a diagonality), kept for the log line. */
    public void measure(String name, double value) {
        measures.put(name, value);
    }

    Map<String, Double> losses() {
        return Collections.unmodifiableMap(losses);
    }

    Map<String, Double> measures() {
        return Collections.unmodifiableMap(measures);
    }

    Map<String, UpdateMetrics> updates() {
        return Collections.unmodifiableMap(updates);
    }

    double lr() {
        return lr;
    }
}
