package io.mytts.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mytts.InvalidInputException;
import io.mytts.audio.Resampler;
import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speech for the three APIs: validates what to say, queues it on the worker pool, and either
 * returns the whole result or streams it sentence by sentence as the worker makes it.
 */
final class SpeechService {

    private static final Logger LOG = LoggerFactory.getLogger(SpeechService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows of the alignment a streamed sentence carries at most (max-pooled over decoder steps). */
    private static final int ALIGNMENT_ROWS = 160;

    private final SynthesisPool pool;
    private final ServerMetrics metrics;
    private final int maxChars;
    private final Duration timeout;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile VoiceCatalog voices;
    private volatile boolean refusing;

    SpeechService(SynthesisPool pool, ServerMetrics metrics, int maxChars, Duration timeout) {
        this.pool = pool;
        this.metrics = metrics;
        this.maxChars = maxChars;
        this.timeout = timeout;
    }

    /** Makes the voices available; until then every speech request gets 503. */
    void ready(VoiceCatalog catalog) {
        this.voices = catalog;
    }

    /** The loaded voices, or a 503 while they load. */
    VoiceCatalog voices() {
        VoiceCatalog v = voices;
        if (v == null) {
            throw ApiException.unavailable("the server is still loading its voices; retry shortly", 2);
        }
        return v;
    }

    /** From now on every new speech request gets 503: the server is shutting down. */
    void refuseNew() {
        refusing = true;
    }

    boolean refusing() {
        return refusing;
    }

    /** Requests being answered now (they hold the server open while it shuts down). */
    int inFlight() {
        return inFlight.get();
    }

    /** The voice named in {@code field}; null or empty picks the default voice. */
    ServedVoice voice(String field, String name) {
        VoiceCatalog catalog = voices();
        if (name == null || name.isEmpty()) {
            return catalog.defaultVoice();
        }
        return catalog.byName(name).orElseThrow(() -> ApiException.badRequest(field, "no voice named '"
                + abbreviate(name) + "'; this server has " + String.join(", ", catalog.all().stream()
                        .map(ServedVoice::name).toList())));
    }

    /** The text of {@code field}: present, not blank, and within the length limit. */
    String text(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(field, field + " is missing or empty: give the text to speak");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxChars) {
            throw ApiException.tooLong(field, length, maxChars);
        }
        return text;
    }

    /** Decoding options from request fields (null: the default); a bad value is a 400 naming its field. */
    static SynthesisOptions options(Double temperature, Long seed) {
        SynthesisOptions.Builder b = SynthesisOptions.builder();
        if (temperature != null) {
            b.optTemperature(temperature);
        }
        if (seed != null) {
            b.optSeed(seed);
        }
        try {
            return b.build();
        } catch (InvalidInputException e) {
            throw ApiException.badRequest("temperature", e.getMessage());
        }
    }

    /** Sends a whole audio file with its length, so that clients (and players) know it in advance. */
    static void sendFile(Context ctx, String contentType, byte[] bytes) {
        ctx.contentType(contentType);
        ctx.res().setContentLength(bytes.length);
        ctx.result(bytes);
    }

    /** Speaks the whole text and returns it (for clients that want one file). */
    SynthesisResult whole(SpeechRequest request) throws InterruptedException {
        inFlight.incrementAndGet();
        try {
            SynthesisJob job = submit(request);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                SynthesisJob.Event e = job.next(deadline - System.nanoTime());
                if (e == null) {
                    job.cancel();
                    throw timedOut();
                }
                if (e instanceof SynthesisJob.Done d) {
                    metrics.synthesized(d.result());
                    return d.result();
                } else if (e instanceof SynthesisJob.Failed f) {
                    throw failure(f.error(), request);
                }
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Streams the speech: the status and headers go out with the first sentence's audio (so that
     * an error before it is still a proper error response), each later sentence as it is made,
     * and the summary (real-time factor, warnings) as HTTP trailers when the client asked for
     * them ({@code TE: trailers}) or as the last line of NDJSON.
     */
    void stream(Context ctx, SpeechRequest request, StreamFormat format) throws InterruptedException {
        stream(ctx, request, format, request.voice().sampleRate());
    }

    /** As {@link #stream(Context, SpeechRequest, StreamFormat)}, resampled to {@code sampleRate}. */
    void stream(Context ctx, SpeechRequest request, StreamFormat format, int sampleRate) throws InterruptedException {
        inFlight.incrementAndGet();
        long start = System.nanoTime();
        SynthesisJob job = null;
        try {
            job = submit(request);
            new Stream(ctx, request, format, job, start, sampleRate).run();
        } catch (IOException e) {
            job.cancel(); // only the stream writes, so the job exists
            metrics.error("client_gone");
            LOG.info("client went away during a stream ({}); synthesis stopped", e.getMessage());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private SynthesisJob submit(SpeechRequest request) {
        if (refusing) {
            throw ApiException.unavailable("the server is shutting down and takes no new requests", 5);
        }
        SynthesisJob job = new SynthesisJob(request.voice(), request.text(), request.options());
        pool.submit(job);
        return job;
    }

    private ApiException timedOut() {
        return new ApiException(504, null, "synthesis did not finish within " + timeout.toSeconds()
                + " s; send a shorter text", Map.of());
    }

    /** A worker's failure as the client sees it: bad text is a 400, anything else an internal error. */
    private static RuntimeException failure(RuntimeException e, SpeechRequest request) {
        if (e instanceof InvalidInputException) {
            return ApiException.badRequest(request.textField(), e.getMessage());
        }
        if (e instanceof CancellationException) {
            return ApiException.unavailable("the request was cancelled", 1);
        }
        LOG.error("synthesis failed for voice {}", request.voice().name(), e);
        return new IllegalStateException("synthesis failed", e);
    }

    /** One streaming response. */
    private final class Stream {
        private final Context ctx;
        private final SpeechRequest request;
        private final StreamFormat format;
        private final SynthesisJob job;
        private final long start;
        private final int rate;
        private final int outputRate;
        private final AtomicReference<Map<String, String>> trailers = new AtomicReference<>(Map.of());
        private final List<String> warnings = new ArrayList<>();
        private OutputStream out;

        Stream(Context ctx, SpeechRequest request, StreamFormat format, SynthesisJob job, long start, int outputRate) {
            this.ctx = ctx;
            this.request = request;
            this.format = format;
            this.job = job;
            this.start = start;
            this.rate = request.voice().sampleRate();
            this.outputRate = outputRate;
        }

        void run() throws IOException, InterruptedException {
            long deadline = start + timeout.toNanos();
            while (true) {
                SynthesisJob.Event e = job.next(deadline - System.nanoTime());
                if (e == null) {
                    job.cancel();
                    if (out == null) {
                        throw timedOut(); // counted with the other refusals
                    }
                    metrics.error("timeout");
                    LOG.warn("a stream timed out after {} s and was cut", timeout.toSeconds());
                    writeError("synthesis did not finish within " + timeout.toSeconds() + " s");
                    return;
                }
                if (e instanceof SynthesisJob.Sentence s) {
                    sentence(s);
                } else if (e instanceof SynthesisJob.Done d) {
                    done(d.result());
                    return;
                } else if (e instanceof SynthesisJob.Failed f) {
                    if (out == null) {
                        throw failure(f.error(), request);
                    }
                    LOG.error("synthesis failed in the middle of a stream", f.error());
                    writeError("synthesis failed after " + warnings.size() + " sentence(s)");
                    return;
                }
            }
        }

        private void sentence(SynthesisJob.Sentence s) throws IOException {
            if (out == null) {
                commit();
            }
            SentenceResult r = s.result();
            List<String> own = warnings(r);
            own.forEach(w -> warnings.add("sentence " + (r.index() + 1) + ": " + w));
            float[] samples = resample(r.index() == 0 ? s.samples() : withPause(s.samples()), rate, outputRate);
            if (format == StreamFormat.NDJSON) {
                ObjectNode event = JSON.createObjectNode().put("type", "sentence").put("index", r.index())
                        .put("text", r.text()).put("sample_rate", outputRate).put("seconds", r.seconds())
                        .put("alignment_score", r.alignmentScore()).put("stop_fired", r.stopFired());
                own.forEach(event.putArray("warnings")::add);
                event.set("alignment", alignment(s.alignment(), r.tokens()));
                event.put("audio", Base64.getEncoder().encodeToString(AudioEncoding.pcm16(samples)));
                writeLine(event);
            } else {
                out.write(AudioEncoding.pcm16(samples));
            }
            out.flush();
        }

        private float[] withPause(float[] samples) {
            int pause = (int) Math.round(request.options().sentencePauseSeconds() * rate);
            float[] padded = new float[pause + samples.length];
            System.arraycopy(samples, 0, padded, pause, samples.length);
            return padded;
        }

        /** Status and headers; trailers are declared here, before the body starts. */
        private void commit() throws IOException {
            ctx.status(200);
            ctx.contentType(format.contentType());
            ctx.header("X-Sample-Rate", String.valueOf(outputRate));
            ctx.header("X-Channels", "1");
            ctx.header("X-Bits-Per-Sample", "16");
            ctx.header("X-Voice", request.voice().name());
            ctx.header("Cache-Control", "no-store");
            String te = ctx.header("TE");
            if (format != StreamFormat.NDJSON && te != null && te.toLowerCase(Locale.ROOT).contains("trailers")) {
                ctx.header("Trailer", "X-MyTTS-RTF, X-MyTTS-Audio-Seconds, X-MyTTS-Warnings");
                try {
                    ctx.res().setTrailerFields(trailers::get);
                } catch (IllegalStateException e) {
                    LOG.debug("trailers not supported on this connection: {}", e.getMessage());
                }
            }
            out = ctx.res().getOutputStream();
            metrics.firstAudio((System.nanoTime() - start) / 1e9);
            if (format == StreamFormat.WAV) {
                out.write(AudioEncoding.streamingWavHeader(outputRate));
            }
        }

        private void done(SynthesisResult r) throws IOException {
            metrics.synthesized(r);
            String rtf = String.format(Locale.ROOT, "%.3f", r.realTimeFactor());
            trailers.set(Map.of("X-MyTTS-RTF", rtf,
                    "X-MyTTS-Audio-Seconds", String.format(Locale.ROOT, "%.3f", r.durationSeconds()),
                    "X-MyTTS-Warnings", warnings.isEmpty() ? "none" : String.join("; ", warnings)));
            if (format == StreamFormat.NDJSON) {
                ObjectNode event = JSON.createObjectNode().put("type", "done").put("sentences", r.sentences().size())
                        .put("seconds", r.durationSeconds()).put("real_time_factor", r.realTimeFactor())
                        .put("first_audio_ms", r.timeToFirstAudioMillis()).put("total_ms", r.totalMillis())
                        .put("queued_ms", job.queuedSeconds() * 1000);
                warnings.forEach(event.putArray("warnings")::add);
                writeLine(event);
            }
            out.flush();
        }

        private void writeError(String message) throws IOException {
            if (format == StreamFormat.NDJSON) {
                writeLine(JSON.createObjectNode().put("type", "error").put("message", message));
            }
            out.flush();
        }

        private void writeLine(ObjectNode event) throws IOException {
            out.write(JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
    }

    /** The samples at {@code to} Hz (the same array when the rates agree). */
    static float[] resample(float[] samples, int from, int to) {
        return from == to ? samples : Resampler.resample(samples, from, to);
    }

    /** What a person should know about a sentence: the alignment's failures and a cut at the step cap. */
    static List<String> warnings(SentenceResult r) {
        List<String> w = new ArrayList<>();
        if (!r.failures().skippedTokens().isEmpty()) {
            w.add("skipped words " + r.failures().skippedTokens());
        }
        if (!r.failures().repeatedTokens().isEmpty()) {
            w.add("repeated words " + r.failures().repeatedTokens());
        }
        if (r.failures().attentionStuck()) {
            w.add("attention stuck for " + r.failures().longestRunSteps() + " steps");
        }
        if (r.hitStepCap()) {
            w.add("cut at the step cap of " + r.stepCap() + " steps without the stop token");
        }
        return w;
    }

    /** The alignment, cropped to the sentence's tokens and max-pooled to at most {@value #ALIGNMENT_ROWS} rows. */
    private static ArrayNode alignment(float[][] a, int tokens) {
        ArrayNode rows = JSON.createArrayNode();
        int steps = a.length;
        int groups = Math.min(steps, ALIGNMENT_ROWS);
        for (int g = 0; g < groups; g++) {
            int from = (int) ((long) g * steps / groups);
            int to = (int) ((long) (g + 1) * steps / groups);
            ArrayNode row = rows.addArray();
            int cols = Math.min(tokens, a[from].length);
            for (int t = 0; t < cols; t++) {
                float max = 0;
                for (int s = from; s < to; s++) {
                    max = Math.max(max, a[s][t]);
                }
                row.add(Math.round(max * 100) / 100.0);
            }
        }
        return rows;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
