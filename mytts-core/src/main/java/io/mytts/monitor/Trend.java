package io.mytts.monitor;

/** Which way a metric is going over the window of a {@link MetricsAggregator}. */
public enum Trend {
    IMPROVING,
    WORSENING,
    FLAT
}
