package io.mytts.server;

import io.mytts.synth.SynthesisResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics, in a registry of its own (so that several servers in one JVM,
 * as in tests, do not mix): requests by endpoint and status, their latency, time to the first
 * audio byte, real-time factor, queue depth, busy workers, sentences with alignment warnings; and
 * the JVM's and the process's own (heap, threads, resident memory).
 */
final class ServerMetrics {

    private static final double[] LATENCY_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120};
    private static final double[] RTF_BUCKETS = {0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 5};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram latency;
    private final Histogram firstAudio;
    private final Histogram realTimeFactor;
    private final Counter errors;
    private final Counter warnedSentences;
    private final Counter audioSeconds;

    ServerMetrics(IntSupplier queueDepth, IntSupplier busyWorkers) {
        requests = Counter.builder().name("mytts_http_requests_total").help("HTTP requests by endpoint and status")
                .labelNames("endpoint", "status").register(registry);
        latency = Histogram.builder().name("mytts_http_request_duration_seconds")
                .help("Time from request to the last byte of the response, by endpoint").labelNames("endpoint")
                .classicUpperBounds(LATENCY_BUCKETS).classicOnly().register(registry);
        firstAudio = Histogram.builder().name("mytts_first_audio_seconds")
                .help("Time from request to the first sentence's audio (streaming requests see it then)")
                .classicUpperBounds(LATENCY_BUCKETS).classicOnly().register(registry);
        realTimeFactor = Histogram.builder().name("mytts_real_time_factor")
                .help("Synthesis wall time over audio duration, per request (below 1 is faster than real time)")
                .classicUpperBounds(RTF_BUCKETS).classicOnly().register(registry);
        errors = Counter.builder().name("mytts_errors_total")
                .help("Refused or failed requests by kind (bad_request, too_long, busy, unavailable, timeout, internal)")
                .labelNames("kind").register(registry);
        warnedSentences = Counter.builder().name("mytts_sentences_with_alignment_warnings_total")
                .help("Sentences whose alignment showed a skip, a repeat, a stuck attention or no stop token")
                .register(registry);
        audioSeconds = Counter.builder().name("mytts_audio_seconds_total").help("Seconds of speech made")
                .register(registry);
        GaugeWithCallback.builder().name("mytts_queue_depth").help("Requests waiting for a synthesis worker")
                .callback(cb -> cb.call(queueDepth.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("mytts_busy_workers").help("Synthesis workers speaking now")
                .callback(cb -> cb.call(busyWorkers.getAsInt())).register(registry);
        JvmMetrics.builder().register(registry); // heap, threads, GC, and process_resident_memory_bytes
    }

    void request(String endpoint, int status, double seconds) {
        requests.labelValues(endpoint, String.valueOf(status)).inc();
        latency.labelValues(endpoint).observe(seconds);
    }

    void error(String kind) {
        errors.labelValues(kind).inc();
    }

    void firstAudio(double seconds) {
        firstAudio.observe(seconds);
    }

    void synthesized(SynthesisResult r) {
        if (r.durationSeconds() > 0) {
            realTimeFactor.observe(r.realTimeFactor());
        }
        audioSeconds.inc(r.durationSeconds());
        warnedSentences.inc(r.failedSentences());
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    String contentType() {
        return writer.getContentType();
    }
}
