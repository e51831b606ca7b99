package io.mytts.monitor;

/**
 * Statistics of one metric over the window of a {@link MetricsAggregator}.
 *
 * @param name the metric
 * @param mean mean of the window
 * @param std population standard deviation of the window
 * @param min smallest value in the window
 * @param max largest value in the window
 * @param last the most recent value
 * @param count values in the window (at most the window size)
 * @param totalCount finite values seen since the start
 * @param nonFiniteCount NaN or infinite values seen and left out
 * @param slope least-squares slope over the window, per update
 * @param trend the slope's meaning given the metric's direction
 */
public record MetricStatistics(
        String name,
        double mean,
        double std,
        double min,
        double max,
        double last,
        int count,
        long totalCount,
        long nonFiniteCount,
        double slope,
        Trend trend) {}
