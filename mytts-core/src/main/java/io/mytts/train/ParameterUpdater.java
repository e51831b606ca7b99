package io.mytts.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import io.mytts.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One parameter group's optimizer with its gradient clipping: runs an update's forward and
 * backward, clips, and applies Adam or skips. Its state (Adam's moments, the clipping history)
 * goes into each checkpoint.
 */
final class ParameterUpdater implements AutoCloseable {

    /** An update's loss values and measurements. */
    record Outcome(Map<String, Double> losses, UpdateMetrics metrics) {}

    private final String name;
    private final boolean primary;
    private final AdamOptimizer adam;
    private final GradientClipping clipper;
    private Map<String, NDArray> parameters;

    /**
     * @param primary the first group: its files keep the names a one-group run always had
     *     ({@code optimizer.npz}, and its clipping history in {@code state.json})
     */
    ParameterUpdater(ParameterGroup group, boolean primary, TrainConfig train, NDManager base) {
        this.name = group.name();
        this.primary = primary;
        this.parameters = group.parameters();
        this.adam = AdamOptimizer.of(train, base);
        this.clipper = GradientClipping.fromConfig(train);
    }

    String name() {
        return name;
    }

    /** Takes the group's arrays again (a model may replace them when it loads). */
    void refresh(ParameterGroup group) {
        parameters = group.parameters();
    }

    Collection<NDArray> parameters() {
        return parameters.values();
    }

    Outcome update(NDManager step, Function<NDManager, NamedLosses> forward, double lr,
            Collection<ParameterUpdater> all) {
        Map<String, Double> losses;
        // The forward's arrays (activations, loss terms) die with the backward pass: closing their
        // manager right after it frees them before the gradients are clipped and applied. Not
        // before it: arrays made from Java data (masks, positions, the batch) are tensors over
        // Java buffers, which autograd may keep for the backward pass but cannot keep alive.
        try (NDManager fm = step.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NamedLosses l = forward.apply(fm);
                gc.backward(l.total());
                losses = l.values();
            }
        }
        double total = losses.values().iterator().next();
        Map<String, NDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray g = e.getValue().getGradient();
            g.attach(step);
            grads.put(e.getKey(), g);
        }
        double norm = Double.NaN;
        double clipped = Double.NaN;
        Map<String, Double> norms = Map.of();
        boolean apply = false;
        if (Double.isFinite(total)) {
            // Clipping measures the norm, and leaves non-finite gradients (and its history) alone.
            ClipResult clip = clipper.clip(grads);
            norm = clip.normBefore();
            clipped = clip.normAfter();
            norms = clip.parameterNorms();
            apply = !clip.nonFinite() && Double.isFinite(norm);
        }
        if (apply) {
            adam.step(parameters, grads, lr);
        } else {
            AdamOptimizer.zeroGradients(parameters.values());
        }
        for (ParameterUpdater other : all) {
            if (other != this) {
                AdamOptimizer.zeroGradients(other.parameters());
            }
        }
        return new Outcome(losses, new UpdateMetrics(name, norm, clipped, !apply, norms));
    }

    private String optimizerFile() {
        return primary ? "optimizer.npz" : "optimizer-" + name + ".npz";
    }

    private String clippingFile() {
        return "clipping-" + name + ".json";
    }

    /** The clipping history that {@code state.json} carries (the primary group's). */
    double[] clipHistory() {
        return clipper.history();
    }

    void restoreClipHistory(double[] history) {
        clipper.restoreHistory(history);
    }

    void save(Path folder) throws IOException {
        adam.save(folder.resolve(optimizerFile()));
        if (!primary) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode n = json.createObjectNode();
            ArrayNode h = n.putArray("clip_history");
            for (double v : clipper.history()) {
                h.add(v);
            }
            json.writeValue(folder.resolve(clippingFile()).toFile(), n);
        }
    }

    void load(Path folder) throws IOException {
        adam.load(folder.resolve(optimizerFile()));
        if (!primary) {
            Path file = folder.resolve(clippingFile());
            try {
                ArrayNode h = (ArrayNode) new ObjectMapper().readTree(file.toFile()).get("clip_history");
                double[] history = new double[h.size()];
                for (int i = 0; i < history.length; i++) {
                    history[i] = h.get(i).asDouble();
                }
                clipper.restoreHistory(history);
            } catch (IOException | RuntimeException e) {
                throw new InvalidInputException("cannot read " + file + " (" + e.getMessage()
                        + "); the checkpoint is damaged, resume from an older one");
            }
        }
    }

    @Override
    public void close() {
        adam.close();
    }
}
