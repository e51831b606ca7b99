package io.mytts.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mytts.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MyTTS HTTP server: MaryTTS, OpenAI and native APIs, a web page, health and metrics.
 *
 * <pre>{@code
 * try (MyTTSServer server = MyTTSServer.builder().setVoices(Path.of("voices")).optPort(0).build()) {
 *     server.start();              // listens at once; ready (/health 200) once the voices load
 *     ... server.port() ...
 * }                                 // close(): finishes the requests in flight, refuses new ones
 * }</pre>
 *
 * Binds to loopback unless told otherwise; CORS is off unless an origin is given.
 */
public final class MyTTSServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MyTTSServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("io.mytts.server.access");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Builder options;
    private final SynthesisPool pool;
    private final ServerMetrics metrics;
    private final SpeechService speech;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final String version;
    private Javalin app;
    private volatile VoiceCatalog voices;

    private MyTTSServer(Builder b) {
        this.options = b;
        this.pool = new SynthesisPool(b.workers, b.queue, b.retryAfterSeconds);
        this.metrics = new ServerMetrics(pool::queued, pool::busy);
        this.speech = new SpeechService(pool, metrics, b.maxChars, b.timeout);
        String v = MyTTSServer.class.getPackage().getImplementationVersion();
        this.version = "MyTTS " + (v != null ? v : "development");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening, then loads the voices (health says 503 until they are loaded) and returns
     * when the server is ready.
     *
     * @throws InvalidInputException when the voices cannot be loaded or the port is taken
     */
    public MyTTSServer start() {
        app = Javalin.create(this::configure);
        try {
            app.start(options.host, options.port);
        } catch (RuntimeException e) {
            throw new InvalidInputException("cannot listen on " + options.host + ":" + options.port + ": "
                    + rootMessage(e) + " (is another server running there? pick another --port)");
        }
        // A request may wait in the queue without any I/O for up to its timeout: the connection must outlive that.
        long idleMillis = options.timeout.toMillis() + 30_000;
        for (Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof AbstractConnector a) {
                a.setIdleTimeout(Math.max(a.getIdleTimeout(), idleMillis));
            }
        }
        long t0 = System.nanoTime();
        try {
            voices = VoiceCatalog.load(options.voices);
        } catch (RuntimeException e) {
            app.stop();
            throw e;
        }
        speech.ready(voices);
        LOG.info("MyTTS server ready on http://{}:{}/ with {} voice(s) ({}), {} worker(s), queue {}, loaded in {} ms",
                options.host, port(), voices.all().size(), String.join(", ", voices.all().stream()
                        .map(ServedVoice::name).toList()), options.workers, options.queue,
                (System.nanoTime() - t0) / 1_000_000);
        return this;
    }

    /** The port it listens on (the one chosen when port 0 was asked). */
    public int port() {
        return app.port();
    }

    /** Blocks until {@link #close()} has finished (for a command line that serves until SIGTERM). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Graceful shutdown: refuses new speech requests (503), waits for the queued and running ones
     * to finish and be sent (up to the shutdown timeout), then stops listening and frees the voices.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        speech.refuseNew();
        try {
            LOG.info("shutting down: finishing {} request(s) in flight", speech.inFlight());
            long deadline = System.nanoTime() + options.shutdownTimeout.toNanos();
            if (!pool.drain(options.shutdownTimeout)) {
                LOG.warn("requests still running after {} s; stopping them", options.shutdownTimeout.toSeconds());
                pool.stopNow();
            }
            while (speech.inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20); // the last bytes of finished requests are being written
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.stopNow();
        } finally {
            if (app != null) {
                app.stop();
            }
            if (voices != null) {
                voices.close();
            }
            LOG.info("MyTTS server stopped");
            closed.countDown();
        }
    }

    private void awaitQuietly() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.compressionStrategy = CompressionStrategy.NONE; // audio does not compress, and streams must flush
        config.http.maxRequestSize = Math.max(64 * 1024, options.maxChars * 8L); // UTF-8 and JSON escapes
        if (options.corsOrigin != null) {
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                rule.allowHost(options.corsOrigin);
                for (String h : new String[] {"X-Sample-Rate", "X-Channels", "X-Bits-Per-Sample", "X-Voice", "X-MyTTS-RTF"}) {
                    rule.exposeHeader(h);
                }
            }));
        }
        config.requestLogger.http(this::logRequest);
        RoutesConfig routes = config.routes;
        routes.before(ctx -> ctx.attribute("mytts.start", System.nanoTime()));
        new MaryTtsApi(speech, version).register(routes);
        new OpenAiApi(speech).register(routes);
        new NativeApi(speech).register(routes);
        routes.get("/health", this::health);
        routes.get("/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
        String page = resource("web/index.html");
        String script = resource("web/app.js");
        routes.get("/", ctx -> ctx.contentType("text/html; charset=UTF-8").result(page));
        routes.get("/app.js", ctx -> ctx.contentType("text/javascript; charset=UTF-8").result(script));
        routes.exception(ApiException.class, this::refuse);
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
            metrics.error("internal");
            error(ctx, 500, null, "internal error; the server log has the details");
        });
    }

    private void health(Context ctx) throws IOException {
        String state = speech.refusing() ? "stopping" : voices == null ? "loading" : "ready";
        ObjectNode body = JSON.createObjectNode().put("status", state);
        if (voices != null) {
            var names = body.putArray("voices");
            voices.all().forEach(v -> names.add(v.name()));
        }
        body.put("workers", options.workers).put("busy_workers", pool.busy()).put("queued", pool.queued());
        ctx.status(state.equals("ready") ? 200 : 503).contentType("application/json").result(JSON.writeValueAsString(body));
    }

    private void refuse(ApiException e, Context ctx) {
        metrics.error(switch (e.status()) {
            case 413 -> "too_long";
            case 429 -> "busy";
            case 503 -> "unavailable";
            case 504 -> "timeout";
            default -> "bad_request";
        });
        e.headers().forEach(ctx::header);
        error(ctx, e.status(), e.field(), e.getMessage());
    }

    /** {@code {"error": {"message": ..., "field": ..., "status": ...}}}; never a stack trace. */
    private static void error(Context ctx, int status, String field, String message) {
        ObjectNode err = JSON.createObjectNode();
        ObjectNode inner = err.putObject("error").put("message", message).put("status", status);
        if (field != null) {
            inner.put("field", field);
        }
        ctx.status(status).contentType("application/json").result(err.toString());
    }

    /** The access log line, and the request metrics. */
    private void logRequest(Context ctx, Float millis) {
        Long start = ctx.attribute("mytts.start");
        double seconds = start != null ? (System.nanoTime() - start) / 1e9 : millis / 1000.0;
        String endpoint;
        try {
            endpoint = ctx.endpoint().path;
        } catch (RuntimeException e) {
            endpoint = "unmatched";
        }
        int status = ctx.status().getCode();
        metrics.request(endpoint, status, seconds);
        ACCESS.info("{} \"{} {}\" {} {} ms", ctx.ip(), ctx.method(), ctx.path(), status,
                Math.round(seconds * 1000));
    }

    private static String resource(String name) {
        try (InputStream in = MyTTSServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the server's jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** Options: the voices folder is required; everything else has a default. */
    public static final class Builder {
        private Path voices;
        private String host = "127.0.0.1";
        private int port = 59125;
        private int workers = 1;
        private int queue = 8;
        private int maxChars = 5000;
        private Duration timeout = Duration.ofSeconds(120);
        private Duration shutdownTimeout = Duration.ofSeconds(60);
        private String corsOrigin;
        private int retryAfterSeconds = 1;

        private Builder() {}

        /** A voice folder (with voice.json) or a folder of them. */
        public Builder setVoices(Path voices) {
            this.voices = voices;
            return this;
        }

        /** The address to bind (default 127.0.0.1: loopback only). */
        public Builder optHost(String host) {
            this.host = host;
            return this;
        }

        /** The port (default 59125, MaryTTS's); 0 picks a free one. */
        public Builder optPort(int port) {
            this.port = port;
            return this;
        }

        /** Synthesis workers (default 1). */
        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Requests that may wait for a worker before the server answers 429 (default 8). */
        public Builder optQueue(int queue) {
            this.queue = queue;
            return this;
        }

        /** The longest text, in characters, a request may carry (default 5,000; longer gets 413). */
        public Builder optMaxChars(int maxChars) {
            this.maxChars = maxChars;
            return this;
        }

        /** How long a request may take from arrival to its last sentence (default 120 s). */
        public Builder optTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** How long shutdown waits for the requests in flight (default 60 s). */
        public Builder optShutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        /** Allow browsers on this origin (such as {@code https://example.org}) to call the API; default none. */
        public Builder optCorsOrigin(String origin) {
            this.corsOrigin = origin;
            return this;
        }

        public MyTTSServer build() {
            if (voices == null) {
                throw new InvalidInputException("the server needs voices: pass --voices DIR");
            }
            if (host == null || host.isBlank()) {
                throw new InvalidInputException("--host must be an address such as 127.0.0.1");
            }
            if (port < 0 || port > 65535) {
                throw new InvalidInputException("--port must be between 0 and 65535, not " + port);
            }
            if (workers < 1 || workers > 64) {
                throw new InvalidInputException("--workers must be between 1 and 64, not " + workers);
            }
            if (queue < 0 || queue > 10_000) {
                throw new InvalidInputException("--queue must be between 0 and 10000, not " + queue);
            }
            if (maxChars < 1) {
                throw new InvalidInputException("--max-chars must be at least 1, not " + maxChars);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new InvalidInputException("--timeout must be positive, not " + timeout.toSeconds() + " s");
            }
            if (shutdownTimeout.isNegative()) {
                throw new InvalidInputException("the shutdown timeout must not be negative");
            }
            if (corsOrigin != null && !corsOrigin.matches("https?://[^\\s/]+")) {
                throw new InvalidInputException("--cors must be an origin such as https://example.org, not '"
                        + corsOrigin + "'");
            }
            return new MyTTSServer(this);
        }
    }
}
