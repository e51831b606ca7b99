/**
 * Configuration and the project's JSON files.
 *
 * <p>{@link io.mytts.config.ModelConfig}, {@link io.mytts.config.AudioConfig} and
 * {@link io.mytts.config.TrainConfig} are the three sections of a run's
 * {@link io.mytts.config.TTSConfig}; each key is declared once, as a field of its section's builder
 * (JSON name in snake_case, type, default, description), and {@link io.mytts.config.ConfigKeys}
 * lists them. {@link io.mytts.config.Presets} names whole configs; {@link io.mytts.config.ConfigFiles}
 * reads, writes and merges config files. {@link io.mytts.config.StrictJson} is the one reader of every
 * JSON file the project reads: unknown keys and wrong types are errors naming the file and the key.
 * {@link io.mytts.config.Provenance} says where a model came from, with the build's
 * {@link io.mytts.config.BuildInfo}; {@link io.mytts.config.CrossWindow} is the cross-attention
 * window of generation.
 */
package io.mytts.config;
