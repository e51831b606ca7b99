/**
 * Training data: reading and validating LJ Speech-format datasets ({@link io.mytts.data.DatasetReader},
 * {@link io.mytts.data.DatasetValidator}), building such a corpus offline by having teacher voices
 * read transcripts ({@link io.mytts.data.CorpusBuilder}, {@link io.mytts.data.TeacherVoice},
 * {@link io.mytts.data.SubprocessTeacher}), the incremental feature cache of log-mels and token ids
 * ({@link io.mytts.data.FeatureCache}) and second caches of other mels for its utterances
 * ({@link io.mytts.data.FeatureCacheWriter}), train/validation splits and length-bucketed, padded
 * {@link io.mytts.data.Batch}es ({@link io.mytts.data.BatchStream}).
 *
 * <p>Not for trained voices ({@code io.mytts.synth.Voice}) or for the training loop itself
 * ({@code io.mytts.train}): this package prepares what a model is fed and knows nothing of models.
 */
package io.mytts.data;
