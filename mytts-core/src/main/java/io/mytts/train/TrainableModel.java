package io.mytts.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the training loop ({@link Trainer}) needs of a model: its parameters in groups (one
 * optimizer each), a training step, a validation pass, and its part of a checkpoint. Everything
 * else (logging, progress, checkpoints, resume, the validation schedule, rollback, the report)
 * is the loop's and its listeners', the same for every model.
 *
 * <p>The text-to-speech models train through {@link TtsTrainee}. A GAN vocoder has two groups,
 * {@code generator} and {@code discriminator}, and a step of two updates, each backpropagating its
 * own total into its own group (docs/train.md, "A model with two optimizers").
 *
 * @param <B> the batch type its {@link BatchSource} gives
 */
public interface TrainableModel<B> {

    /**
     * The parameter groups, in a fixed order; most models have one, named
     * {@link ParameterGroup#MODEL}. The first group's gradient norms are logged as
     * {@code grad_norm}, the others' as {@code NAME_grad_norm}.
     */
    List<ParameterGroup> parameterGroups();

    /**
     * One training step on a batch: one or more {@link TrainingStep#update} calls, each running a
     * forward pass that returns named losses. Arrays go in the managers the step hands out.
     */
    void trainStep(TrainingStep step, B batch);

    /**
     * Validation of one held-out batch with gradients off: adds values to average (losses,
     * measures such as diagonality; {@value NamedLosses#TOTAL} chooses the best checkpoint), and,
     * while {@link Validation#takeSample()} says so, outputs to look at and listen to.
     */
    void validate(Validation validation, B batch);

    /** The amount of data in a batch, for throughput ({@code frames_per_s}): mel frames, say. */
    long frames(B batch);

    /**
     * Writes the parameters (by name) and the model's own files into a checkpoint folder, with
     * {@code facts} about the training so far (step, frames, seconds) for whoever packs it later.
     * The loop writes the optimizer and training state beside them.
     */
    void save(Path folder, Map<String, Object> facts) throws IOException;

    /** Reads what {@link #save} wrote, keeping the parameters trainable. */
    void load(Path folder) throws IOException;
}
