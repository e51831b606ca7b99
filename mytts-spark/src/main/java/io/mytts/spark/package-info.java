/**
 * Batch synthesis on Apache Spark: the toolkit inside a Spark job rather than beside it.
 *
 * <ul>
 *   <li>{@link io.mytts.spark.SpeechSynthesis}: the transformation of a Dataset of
 *       {@code id, text[, voice, speaker]} rows into rows with the audio (WAV bytes, or a path on any
 *       Hadoop-compatible file system), its duration, real-time factor, alignment warnings and an
 *       error column for the rows that could not be spoken;
 *   <li>{@link io.mytts.spark.ExecutorVoices}: one loaded voice per executor JVM and voice folder,
 *       shared by all the tasks that JVM runs, with PyTorch bounded to one intra-op thread per task;
 *   <li>{@link io.mytts.spark.SynthesizeJob}: the {@code spark-submit}-able job (text, CSV or
 *       Parquet in; a folder of WAVs and a Parquet manifest out);
 *   <li>{@link io.mytts.spark.SparkBenchmark}: the job in local mode against {@code mytts synthesize}
 *       on the same sentences.
 * </ul>
 */
package io.mytts.spark;
