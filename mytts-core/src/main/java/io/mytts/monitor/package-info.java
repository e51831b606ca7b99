/**
 * What a person looks at while a model trains (or long work runs): progress, plots, metric
 * statistics, and the report.
 *
 * <ul>
 *   <li>{@link io.mytts.monitor.Progress}: how far a long task is, as a console bar or log lines;
 *   <li>{@link io.mytts.monitor.AlignmentPlot}: alignment heatmaps as PNG (the analysis itself,
 *       diagonality and the failure detectors, is {@link io.mytts.align}'s, which synthesis uses too);
 *   <li>{@link io.mytts.monitor.MetricsAggregator}: windowed statistics and trends of metrics;
 *   <li>{@link io.mytts.monitor.RunFolder} and {@link io.mytts.monitor.TrainingReport}: the folder a
 *       training run writes, and the self-contained HTML page {@code mytts report} makes of it.
 * </ul>
 * Gradient analysis and clipping belong to the training loop ({@link io.mytts.train}).
 */
package io.mytts.monitor;
