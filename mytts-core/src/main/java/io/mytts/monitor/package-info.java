/**
 * Monitoring of training: why a model fails, and a report to see it.
 *
 * <ul>
 *   <li>{@link io.mytts.monitor.Alignments}: cross-attention extraction (through
 *       {@link io.mytts.monitor.CrossAttentionSource}), the diagonality score, head and layer
 *       averages, and the failure detectors of free-running decoding;
 *   <li>{@link io.mytts.monitor.AlignmentPlot}: alignment heatmaps as PNG;
 *   <li>{@link io.mytts.monitor.MetricsAggregator}: windowed statistics and trends of metrics;
 *   <li>{@link io.mytts.monitor.RunFolder} and {@link io.mytts.monitor.TrainingReport}: the folder a
 *       training run writes, and the self-contained HTML page {@code mytts report} makes of it.
 * </ul>
 */
package io.mytts.monitor;
