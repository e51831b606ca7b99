package io.mytts.server;

import io.javalin.http.Context;
import io.mytts.InvalidInputException;
import io.mytts.audio.Resampler;
import io.mytts.ssml.SsmlDocument;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speech for the three APIs: validates what to say, queues it on the worker pool, and either
 * returns the whole result or streams it sentence by sentence as the worker makes it.
 */
final class SpeechService {

    private static final Logger LOG = LoggerFactory.getLogger(SpeechService.class);

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

    /** The voice named in {@code field}; null or empty picks the first voice that speaks the text's language. */
    ServedVoice voice(String field, String name, String text) {
        VoiceCatalog catalog = voices();
        if (name == null || name.isEmpty()) {
            return catalog.forText(text);
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

    /**
     * What {@code field} asks to say: its text (checked as by {@link #text}, so the length limit
     * counts the whole document, markup included, before anything parses it) as a plain-text
     * document, or read as SSML in the voice's language. Bad SSML is a 400 that names the field,
     * the line and the column.
     */
    SsmlDocument document(String field, String text, boolean ssml, ServedVoice voice) {
        String checked = text(field, text);
        if (!ssml) {
            return SsmlDocument.ofText(checked);
        }
        try {
            return SsmlDocument.parse(checked, voice.voice().textSettings().language());
        } catch (InvalidInputException e) {
            throw ApiException.badRequest(field, field + " is not SSML this server reads: " + e.getMessage());
        }
    }

    /** Decoding options from request fields (null: the default); a bad value is a 400 naming its field. */
    static SynthesisOptions options(Double temperature, Long seed) {
        return options(temperature, seed, null, null, null, null);
    }

    /**
     * The options of a request; a bad one is a 400 naming its field. Speed and pitch (null: the
     * voice's own) need a forward voice: an autoregressive one answers 400 saying so. The speaker
     * (null: the voice's first) is a row name or number of {@code voice}'s speakers.
     */
    static SynthesisOptions options(Double temperature, Long seed, Double speed, Double pitch, String speaker,
            ServedVoice voice) {
        SynthesisOptions.Builder b = SynthesisOptions.builder().optSpeaker(speaker);
        if (seed != null) {
            b.optSeed(seed);
        }
        if (temperature != null) {
            check("temperature", b.optTemperature(temperature));
        }
        if (speed != null) {
            check("speed", b.optSpeed(speed));
        }
        if (pitch != null) {
            check("pitch", b.optPitchSemitones(pitch));
        }
        SynthesisOptions options = b.build();
        if (voice != null) {
            try {
                voice.voice().speakerIndex(speaker);
            } catch (InvalidInputException e) {
                throw ApiException.badRequest("speaker", e.getMessage());
            }
            try {
                voice.synthesizer().checkOptions(options);
            } catch (InvalidInputException e) {
                throw ApiException.badRequest(speed != null && speed != 1.0 ? "speed" : "pitch", e.getMessage());
            }
        }
        return options;
    }

    /** Builds the options so far; a failure is a 400 naming {@code field}, the one just set. */
    private static void check(String field, SynthesisOptions.Builder b) {
        try {
            b.build();
        } catch (InvalidInputException e) {
            throw ApiException.badRequest(field, e.getMessage());
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
            SynthesisJob job = submit(request, false);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                SynthesisJob.Event e = job.next(deadline - System.nanoTime());
                if (e == null) {
                    job.cancel();
                    throw timedOut(timeout);
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
            job = submit(request, true);
            new StreamingResponse(ctx, request, format, job, start, sampleRate, timeout, metrics).run();
        } catch (IOException e) {
            job.cancel(); // only the stream writes, so the job exists
            metrics.error("client_gone");
            LOG.info("client went away during a stream ({}); synthesis stopped", e.getMessage());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private SynthesisJob submit(SpeechRequest request, boolean streamed) {
        if (refusing) {
            throw ApiException.unavailable("the server is shutting down and takes no new requests", 5);
        }
        SynthesisJob job = new SynthesisJob(request.voice(), request.document(), request.options(), streamed);
        pool.submit(job);
        return job;
    }

    static ApiException timedOut(Duration timeout) {
        return new ApiException(504, null, "synthesis did not finish within " + timeout.toSeconds()
                + " s; send a shorter text", Map.of());
    }

    /** A worker's failure as the client sees it: bad text is a 400, anything else an internal error. */
    static RuntimeException failure(RuntimeException e, SpeechRequest request) {
        if (e instanceof InvalidInputException) {
            return ApiException.badRequest(request.textField(), e.getMessage());
        }
        if (e instanceof CancellationException) {
            return ApiException.unavailable("the request was cancelled", 1);
        }
        LOG.error("synthesis failed for voice {}", request.voice().name(), e);
        return new IllegalStateException("synthesis failed", e);
    }

    /** The samples at {@code to} Hz (the same array when the rates agree). */
    static float[] resample(float[] samples, int from, int to) {
        return from == to ? samples : Resampler.resample(samples, from, to);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
