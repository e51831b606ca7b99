/**
 * Training: one loop for every model, and its listeners.
 *
 * <ul>
 *   <li>{@link io.mytts.train.Trainer}: the loop (fetch a batch, run the model's step, whose
 *       updates apply the optimizers) and the run folder's checkpoints, resume and rollback;
 *   <li>{@link io.mytts.train.TrainableModel}: what a model gives the loop: parameter groups, a
 *       {@link io.mytts.train.TrainingStep} that returns {@link io.mytts.train.NamedLosses}, a
 *       {@link io.mytts.train.Validation} pass with its {@link io.mytts.train.ValidationOutput}s, and
 *       its part of a checkpoint; {@link io.mytts.train.TtsTrainee} is the text-to-speech one;
 *   <li>{@link io.mytts.train.TrainingListener}: metrics log, progress, checkpoints and the best
 *       one, {@link io.mytts.train.ValidationListener}, rollback on non-finite losses, memory
 *       trimming and gradient analysis;
 *   <li>the parts of an update: {@link io.mytts.train.AdamOptimizer},
 *       {@link io.mytts.train.LearningRateSchedule}, {@link io.mytts.train.GradientClipping} and
 *       {@link io.mytts.train.GradientAnalysis}; the TTS losses in {@link io.mytts.train.Losses};
 *   <li>{@link io.mytts.train.CheckpointManager}: atomic, checksummed checkpoint folders.
 * </ul>
 */
package io.mytts.train;
