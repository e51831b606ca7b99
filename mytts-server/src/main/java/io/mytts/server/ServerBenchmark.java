package io.mytts.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a running server from outside, as its clients see it: first the streaming latency of
 * one request at a time (time to the first audio byte against time to the last), then a soak of
 * many requests from concurrent clients, mixing one- and five-sentence texts over the three APIs
 * with a share of malformed requests, reporting latency percentiles, throughput, statuses and the
 * server's resident memory (from its /metrics): after warm-up and at the end, both with the server
 * idle, and sampled every few seconds under load, where one sample says little (a worker's tensors
 * come and go by tens of megabytes) but the medians of the first and last tenth of many samples compare well.
 */
public final class ServerBenchmark {

    private static final String ONE = "The quick brown fox jumps over the lazy dog.";
    private static final String FIVE = "The first sentence opens the text. A second one follows it closely. "
            + "Then there is a third, a little longer than the others. The fourth is short. And the fifth ends it.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RSS = Pattern.compile("(?m)^process_resident_memory_bytes ([0-9.eE+]+)");

    private final URI base;
    /** The voice every request names, or null: the server's choice (its first voice, OpenAI's names). */
    private final String voice;
    private final String streamText;
    private final int streamRepeats;
    private final int requests;
    private final int clients;
    private final int warmup;
    private final double malformedShare;
    private final long seed;
    private final Duration memoryInterval;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ServerBenchmark(Builder b) {
        this.base = b.base;
        this.voice = b.voice;
        this.streamText = b.streamText;
        this.streamRepeats = b.streamRepeats;
        this.requests = b.requests;
        this.clients = b.clients;
        this.warmup = b.warmup;
        this.malformedShare = b.malformedShare;
        this.seed = b.seed;
        this.memoryInterval = b.memoryInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Time to the first audio byte and to the last of one streamed request, in milliseconds. */
    public record StreamTiming(double firstByteMillis, double totalMillis, long bytes, int sampleRate) {

        /** Seconds of 16-bit mono audio received. */
        public double audioSeconds() {
            return bytes / 2.0 / sampleRate;
        }
    }

    /**
     * What the soak saw.
     *
     * @param malformed how many of the requests were malformed (the server should answer each with 400)
     * @param statuses responses by HTTP status (0: no response: the connection failed)
     * @param rssAfterWarmup the server's resident memory after the warm-up requests, bytes (NaN if unknown)
     * @param rssEnd the same at the end
     * @param underLoad the same sampled while the measured requests ran
     */
    public record SoakReport(int requests, int malformed, int clients, double seconds, double p50Millis,
            double p95Millis, double p99Millis, Map<Integer, Integer> statuses, double rssAfterWarmup, double rssEnd,
            MemoryTrace underLoad) {

        public double throughput() {
            return requests / seconds;
        }

        public int serverErrors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 500 || e.getKey() == 0)
                    .mapToInt(Map.Entry::getValue).sum();
        }

        /** Resident memory growth after warm-up, as a share (0.05 is 5%). */
        public double rssGrowth() {
            return rssEnd / rssAfterWarmup - 1;
        }
    }

    /** The server's resident memory sampled at a fixed interval, bytes, in order (NaN samples left out). */
    public record MemoryTrace(double[] samples) {

        /** The median of the first tenth of the samples (at least one sample). */
        public double early() {
            return median(Arrays.copyOfRange(samples, 0, tenth()));
        }

        /** The median of the last tenth. */
        public double late() {
            return median(Arrays.copyOfRange(samples, samples.length - tenth(), samples.length));
        }

        public double peak() {
            return Arrays.stream(samples).max().orElse(Double.NaN);
        }

        /** Growth from the first tenth to the last, as a share (0.05 is 5%). */
        public double growth() {
            return late() / early() - 1;
        }

        private int tenth() {
            return Math.min(samples.length, Math.max(1, samples.length / 10));
        }
    }

    /**
     * Waits until the server's /health says ready (polling every 100 ms, at most {@code limit}):
     * measuring a server that is still loading its voices would measure its 503s.
     */
    public void awaitReady(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            try {
                status = http.send(get("/health"), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.net.ConnectException e) {
                status = 0; // not listening yet
            }
            if (status == 200) {
                checkVoice();
                return;
            }
            Thread.sleep(100);
        }
        throw new InvalidInputException("the server at " + base + " is not ready after " + limit.toSeconds()
                + " s (/health " + (status == 0 ? "does not answer" : "answers " + status) + ")");
    }

    /**
     * Refuses a voice the server lacks: every request would get 400, and a soak of 400s measures
     * nothing while reporting no server error.
     */
    private void checkVoice() throws IOException, InterruptedException {
        if (voice == null) {
            return;
        }
        String body = http.send(get("/api/voices"), HttpResponse.BodyHandlers.ofString()).body();
        List<String> names = new ArrayList<>();
        JSON.readTree(body).forEach(v -> names.add(v.path("name").asText()));
        if (!names.contains(voice)) {
            throw new InvalidInputException("the server at " + base + " has no voice " + voice + "; it has "
                    + String.join(", ", names) + " (--voice)");
        }
    }

    /** Streams {@code streamText} through {@code POST /api/tts} (raw PCM) once per repeat, one at a time. */
    public List<StreamTiming> streaming() throws IOException, InterruptedException {
        List<StreamTiming> timings = new ArrayList<>();
        String json = "{\"text\":" + jsonString(streamText) + voiceField() + ",\"format\":\"pcm\"}";
        for (int i = 0; i < streamRepeats; i++) {
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = http.send(post("/api/tts", json), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new InvalidInputException("the server answered " + r.statusCode() + " to a streaming request: "
                        + new String(r.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            long bytes;
            double first;
            try (InputStream in = r.body()) {
                int b = in.read();
                first = (System.nanoTime() - t0) / 1e6;
                bytes = (b < 0 ? 0 : 1) + in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            int rate = Integer.parseInt(r.headers().firstValue("X-Sample-Rate").orElse("22050"));
            timings.add(new StreamTiming(first, (System.nanoTime() - t0) / 1e6, bytes, rate));
        }
        return timings;
    }

    /** The soak: {@code requests} requests from {@code clients} concurrent clients after {@code warmup} ones. */
    public SoakReport soak() throws IOException, InterruptedException {
        List<Planned> planned = plan(warmup + requests);
        List<HttpRequest> plan = planned.stream().map(this::toHttp).toList();
        int malformed = (int) planned.subList(warmup, planned.size()).stream().filter(Planned::malformed).count();
        runAll(plan.subList(0, warmup), new ArrayList<>(), new TreeMap<>());
        double rssWarm = rss();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        List<Double> memory = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak-memory-probe");
            t.setDaemon(true);
            return t;
        });
        probe.scheduleWithFixedDelay(() -> memory.add(rssOrNaN()), memoryInterval.toMillis(), memoryInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        long t0 = System.nanoTime();
        try {
            runAll(plan.subList(warmup, plan.size()), latencies, statuses);
        } finally {
            probe.shutdownNow();
            probe.awaitTermination(30, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] trace;
        synchronized (memory) {
            trace = memory.stream().mapToDouble(Double::doubleValue).filter(m -> !Double.isNaN(m)).toArray();
        }
        return new SoakReport(requests, malformed, clients, seconds, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), new TreeMap<>(statuses), rssWarm, rss(), new MemoryTrace(trace));
    }

    /** One memory sample for the probe; NaN when /metrics did not answer (a sample is not worth failing a soak). */
    private double rssOrNaN() {
        try {
            return rss();
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private void runAll(List<HttpRequest> plan, List<Double> latencies, Map<Integer, Integer> statuses)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < plan.size(); i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = http.send(plan.get(i), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = 0;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    latencies.add((System.nanoTime() - t0) / 1e6);
                    statuses.merge(status, 1, Integer::sum);
                }
            }));
        }
        pool.shutdown();
        for (Future<?> f : done) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * One request of the soak's mix, before it is sent.
     *
     * @param path the path and query, from the root
     * @param json the body of a POST, or null for a GET
     * @param malformed whether the server must refuse it (400)
     */
    record Planned(String path, String json, boolean malformed) {}

    /** The soak's {@code count} requests, the same for the same seed. */
    List<Planned> plan(int count) {
        Random random = new Random(seed);
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            plan.add(request(random));
        }
        return plan;
    }

    private HttpRequest toHttp(Planned p) {
        return p.json() == null ? get(p.path()) : post(p.path(), p.json());
    }

    /** One request of the mix: an API, a one- or five-sentence text, or (at the malformed share) a bad one. */
    private Planned request(Random random) {
        String text = random.nextBoolean() ? ONE : FIVE;
        if (random.nextDouble() < malformedShare) {
            return switch (random.nextInt(4)) {
                case 0 -> new Planned("/api/tts", "{\"text\": ", true);
                case 1 -> new Planned("/api/tts", "{\"text\":" + jsonString(text) + ",\"voice\":\"nobody\"}", true);
                case 2 -> new Planned("/v1/audio/speech", "{\"model\":\"tts-1\",\"input\":\"\",\"voice\":\"alloy\"}", true);
                default -> new Planned("/process?INPUT_TEXT=hi&INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=MP3", null, true);
            };
        }
        return switch (random.nextInt(3)) {
            case 0 -> new Planned("/api/tts", "{\"text\":" + jsonString(text) + voiceField() + ",\"format\":\"pcm\"}", false);
            case 1 -> new Planned("/v1/audio/speech", "{\"model\":\"tts-1\",\"input\":" + jsonString(text)
                    + ",\"voice\":" + jsonString(voice == null ? "alloy" : voice) + ",\"response_format\":\"wav\"}", false);
            default -> new Planned("/process?INPUT_TEXT=" + urlEncoded(text) + "&INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO"
                    + "&AUDIO=WAVE_FILE&LOCALE=en_US" + (voice == null ? "" : "&VOICE=" + urlEncoded(voice)), null, false);
        };
    }

    /** {@code ,"voice":"..."} for the native API's JSON, or nothing when no voice is chosen. */
    private String voiceField() {
        return voice == null ? "" : ",\"voice\":" + jsonString(voice);
    }

    private static String urlEncoded(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private double rss() throws IOException, InterruptedException {
        String metrics = http.send(get("/metrics"), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = RSS.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(base.resolve(path.substring(1))).timeout(Duration.ofSeconds(300))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest get(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery.substring(1))).timeout(Duration.ofSeconds(300)).build();
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** The median of some timings. */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String jsonString(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One report line, for the command line. */
    public static String describe(SoakReport r) {
        return String.format(Locale.ROOT, "%d requests (%d malformed) from %d clients in %.1f s: %.2f requests/s;"
                + " latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms; statuses %s; server errors (5xx or no answer) %d;"
                + " resident memory %.0f MB after warm-up, %.0f MB at the end (%+.1f%%), both idle; under load"
                + " (%d samples) %.0f MB in the first tenth, %.0f MB in the last (medians, %+.1f%%), peak %.0f MB",
                r.requests(), r.malformed(), r.clients(), r.seconds(), r.throughput(),
                r.p50Millis(), r.p95Millis(), r.p99Millis(), r.statuses(), r.serverErrors(), r.rssAfterWarmup() / 1e6,
                r.rssEnd() / 1e6, 100 * r.rssGrowth(), r.underLoad().samples().length, r.underLoad().early() / 1e6,
                r.underLoad().late() / 1e6, 100 * r.underLoad().growth(), r.underLoad().peak() / 1e6);
    }

    /** Options: the server's address is required. */
    public static final class Builder {
        private URI base;
        private String voice;
        private String streamText = "Streaming starts with the first sentence. The second one is decoded while the"
                + " first plays. The third ends the text.";
        private int streamRepeats = 5;
        private int requests = 200;
        private int clients = 8;
        private int warmup = 20;
        private double malformedShare = 0.05;
        private long seed;
        private Duration memoryInterval = Duration.ofSeconds(5);

        private Builder() {}

        /** The server, such as {@code http://127.0.0.1:59125/}. */
        public Builder setUrl(URI base) {
            this.base = base;
            return this;
        }

        /** The voice every request names (default: none, the server's first voice). */
        public Builder optVoice(String voice) {
            this.voice = voice;
            return this;
        }

        public Builder optStreamText(String text) {
            this.streamText = text;
            return this;
        }

        public Builder optStreamRepeats(int repeats) {
            this.streamRepeats = repeats;
            return this;
        }

        public Builder optRequests(int requests) {
            this.requests = requests;
            return this;
        }

        public Builder optClients(int clients) {
            this.clients = clients;
            return this;
        }

        public Builder optWarmup(int warmup) {
            this.warmup = warmup;
            return this;
        }

        public Builder optMalformedShare(double share) {
            this.malformedShare = share;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How often the server's resident memory is sampled during the measured requests (default 5 s). */
        public Builder optMemoryInterval(Duration interval) {
            this.memoryInterval = interval;
            return this;
        }

        public ServerBenchmark build() {
            if (base == null || base.getScheme() == null || !base.getScheme().startsWith("http")) {
                throw new InvalidInputException("--url must be the server's address, such as http://127.0.0.1:59125/");
            }
            if (requests < 0 || clients < 1 || warmup < 0 || streamRepeats < 0) {
                throw new InvalidInputException("--requests, --warmup and --stream-repeats must be at least 0 and"
                        + " --clients at least 1");
            }
            if (memoryInterval == null || memoryInterval.toMillis() < 1) {
                throw new InvalidInputException("the memory sampling interval must be at least 1 ms");
            }
            if (!(malformedShare >= 0 && malformedShare <= 1)) {
                throw new InvalidInputException("--malformed must be a share between 0 and 1, not " + malformedShare);
            }
            if (voice != null && voice.isBlank()) {
                throw new InvalidInputException("--voice must name a voice of the server (GET /api/voices lists them)");
            }
            if (streamText == null || streamText.isBlank()) {
                throw new InvalidInputException("--text must not be empty");
            }
            if (!base.getPath().endsWith("/")) {
                base = URI.create(base + "/");
            }
            return new ServerBenchmark(this);
        }
    }
}
