package io.mytts.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Something that follows a training run (DJL's {@code TrainingListener} habit): logging, progress,
 * checkpoints, validation, rollback, memory trimming and gradient analysis are each one.
 * Listeners are called in the order they were added; one that restores an earlier checkpoint in
 * {@link #onStep} (a rollback) ends that step: the listeners after it do not see it.
 */
public interface TrainingListener {

    /** After a fresh start (step 0 saved) or a resume (state restored). */
    default void onTrainingBegin(Trainer<?> trainer) throws IOException {}

    /** After each step's update(s). */
    default void onStep(Trainer<?> trainer, StepMetrics step) throws IOException {}

    /** After a validation pass. */
    default void onValidation(Trainer<?> trainer, ValidationResult report) throws IOException {}

    /** After a checkpoint was written into {@code folder}. */
    default void onCheckpoint(Trainer<?> trainer, long step, Path folder) throws IOException {}

    /** At the end of the run (done or interrupted), before the last checkpoint is taken. */
    default void onTrainingEnd(Trainer<?> trainer) throws IOException {}

    /**
     * Adds what this listener measures to the {@code metrics.jsonl} line of a logging step
     * ({@code step}), whatever its place among the listeners.
     */
    default void addToLogLine(StepMetrics step, Map<String, Object> line) {}
}
