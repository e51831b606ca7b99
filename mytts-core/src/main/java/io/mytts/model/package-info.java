/**
 * The autoregressive {@link io.mytts.model.TransformerTTS} (MyTTSModel's Transformer TTS): encoder
 * and decoder layers, prenets, postnet and output heads composed of the shared blocks of
 * {@code io.mytts.nn}; teacher-forced {@link io.mytts.model.TransformerTTS#forward} for training,
 * KV-cached greedy generation with a fused decoder step ({@link io.mytts.model.GenerationOptions},
 * {@link io.mytts.model.GenerationResult}), and {@link io.mytts.model.Checkpoint}s with their
 * {@link io.mytts.model.Provenance}. See docs/model.md.
 */
package io.mytts.model;
