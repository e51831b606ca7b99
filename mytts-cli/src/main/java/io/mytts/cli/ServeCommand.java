package io.mytts.cli;

import io.mytts.server.MyTTSServer;
import io.mytts.server.ServerBenchmark;
import java.net.URI;
import java.util.Locale;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mytts serve}: the HTTP server (MaryTTS, OpenAI and native APIs, web page, metrics) until SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, subcommands = ServeCommand.Bench.class,
        description = {"Serve voices over HTTP until stopped (Ctrl-C or SIGTERM finish the requests in flight first).",
            "APIs: MaryTTS 5.2 (/process, /voices, /locales, /audioformats, /version), OpenAI (POST /v1/audio/speech,"
                    + " GET /v1/audio/voices), native streaming (POST /api/tts, GET /api/voices), a web page at /,"
                    + " /health and Prometheus /metrics. See docs/server.md."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "59125", description = "Port (default: ${DEFAULT-VALUE}, MaryTTS's; 0 picks a free one).")
    int port;

    @Option(names = "--voices", paramLabel = "DIR",
            description = "A voice folder, or a folder of voice folders (default: the bundled voices/).")
    Path voices;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
            description = "Synthesis workers, each one thread with one PyTorch thread (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--queue", defaultValue = "8", paramLabel = "N",
            description = "Requests that may wait for a worker; beyond that the answer is 429 (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--max-chars", defaultValue = "5000", paramLabel = "N",
            description = "Longest text per request in characters; longer gets 413 (default: ${DEFAULT-VALUE}).")
    int maxChars;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "Longest time a request may take, queue included (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--cors", paramLabel = "ORIGIN",
            description = "Let web pages from ORIGIN (such as https://example.org) call the API; default: off.")
    String cors;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        // The ready line, the access log and shutdown are worth seeing even when the rest is quiet.
        System.setProperty("org.slf4j.simpleLogger.log.io.mytts.server", "info");
        Path folder = voices != null ? voices : Voices.bundledRoot();
        MyTTSServer server = MyTTSServer.builder().setVoices(folder).optHost(host).optPort(port).optWorkers(workers)
                .optQueue(queue).optMaxChars(maxChars).optTimeout(Duration.ofSeconds(timeoutSeconds))
                .optCorsOrigin(cors).build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mytts-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("mytts serve: listening on http://%s:%d/ (stop with Ctrl-C or SIGTERM)%n", host, server.port());
        out.flush();
        server.awaitClosed();
        return 0;
    }

    /** {@code mytts serve bench}: streaming latency and a soak, against a running server. */
    @Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Measure a running server as its clients see it: time to the first audio byte against the"
                    + " whole time of a streamed text, one request at a time; then a soak of --requests requests from"
                    + " --clients concurrent clients (one- and five-sentence texts over the MaryTTS, OpenAI and native"
                    + " APIs, a --malformed share of bad requests): latency percentiles, throughput, statuses, and"
                    + " the server's resident memory after warm-up and at the end."})
    static final class Bench implements Callable<Integer> {

        @Option(names = "--url", defaultValue = "http://127.0.0.1:59125/", description = "The server (default: ${DEFAULT-VALUE}).")
        URI url;

        @Option(names = "--voice", paramLabel = "NAME",
                description = "The voice every request names, in all three APIs (default: the server's first voice).")
        String voice;

        @Option(names = "--text", description = "The text streamed one request at a time (default: three sentences).")
        String text;

        @Option(names = "--stream-repeats", defaultValue = "5", paramLabel = "N",
                description = "Streamed requests, one at a time (default: ${DEFAULT-VALUE}).")
        int streamRepeats;

        @Option(names = "--requests", defaultValue = "200", paramLabel = "N", description = "Soak requests (default: ${DEFAULT-VALUE}; 0: no soak).")
        int requests;

        @Option(names = "--clients", defaultValue = "8", paramLabel = "N", description = "Concurrent soak clients (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--warmup", defaultValue = "20", paramLabel = "N", description = "Soak requests before measuring (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--malformed", defaultValue = "0.05", paramLabel = "SHARE",
                description = "Share of malformed soak requests (default: ${DEFAULT-VALUE}).")
        double malformed;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ServerBenchmark.Builder b = ServerBenchmark.builder().setUrl(url).optStreamRepeats(streamRepeats)
                    .optRequests(requests).optClients(clients).optWarmup(warmup).optMalformedShare(malformed).optVoice(voice);
            if (text != null) {
                b.optStreamText(text);
            }
            ServerBenchmark bench = b.build();
            PrintWriter out = spec.commandLine().getOut();
            try {
                bench.awaitReady(java.time.Duration.ofSeconds(120));
                if (streamRepeats > 0) {
                    var timings = bench.streaming();
                    double first = ServerBenchmark.median(timings.stream().mapToDouble(ServerBenchmark.StreamTiming::firstByteMillis).toArray());
                    double total = ServerBenchmark.median(timings.stream().mapToDouble(ServerBenchmark.StreamTiming::totalMillis).toArray());
                    out.printf(Locale.ROOT, "streaming, one request at a time (median of %d): first audio byte after %.0f ms,"
                            + " last after %.0f ms (%.1f s of audio)%n", timings.size(), first, total,
                            timings.get(0).audioSeconds());
                    out.flush();
                }
                if (requests > 0) {
                    out.println("soak: " + ServerBenchmark.describe(bench.soak()));
                }
            } catch (java.net.ConnectException e) {
                throw new io.mytts.InvalidInputException("the server at " + url + " stopped answering: " + e.getMessage());
            }
            return 0;
        }
    }
}
