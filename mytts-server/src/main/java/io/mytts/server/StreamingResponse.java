package io.mytts.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Timeline;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming response: the status and headers go out with the first sentence's audio, each
 * sentence is written and flushed as the worker hands it over, and the summary (real-time factor,
 * warnings) ends it as HTTP trailers or as the last NDJSON line.
 */
final class StreamingResponse {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingResponse.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows of the alignment a streamed sentence carries at most (max-pooled over decoder steps). */
    private static final int ALIGNMENT_ROWS = 160;

    private final Context ctx;
    private final SpeechRequest request;
    private final StreamFormat format;
    private final SynthesisJob job;
    private final long start;
    private final int rate;
    private final int outputRate;
    private final AtomicReference<Map<String, String>> trailers = new AtomicReference<>(Map.of());
    private final List<String> warnings = new ArrayList<>();
    private final Duration timeout;
    private final ServerMetrics metrics;
    private OutputStream out;

    StreamingResponse(Context ctx, SpeechRequest request, StreamFormat format, SynthesisJob job, long start,
            int outputRate, Duration timeout, ServerMetrics metrics) {
        this.ctx = ctx;
        this.request = request;
        this.format = format;
        this.job = job;
        this.start = start;
        this.rate = request.voice().sampleRate();
        this.outputRate = outputRate;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    void run() throws IOException, InterruptedException {
        long deadline = start + timeout.toNanos();
        while (true) {
            SynthesisJob.Event e = job.next(deadline - System.nanoTime());
            if (e == null) {
                job.cancel();
                if (out == null) {
                    throw SpeechService.timedOut(timeout); // counted with the other refusals
                }
                metrics.error("timeout");
                LOG.warn("a stream timed out after {} s and was cut", timeout.toSeconds());
                writeError("synthesis did not finish within " + timeout.toSeconds() + " s");
                return;
            }
            if (e instanceof SynthesisJob.Sentence s) {
                sentence(s);
            } else if (e instanceof SynthesisJob.Done d) {
                done(d);
                return;
            } else if (e instanceof SynthesisJob.Failed f) {
                if (out == null) {
                    throw SpeechService.failure(f.error(), request);
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
        float[] samples = SpeechService.resample(s.samples(), rate, outputRate);
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
            ctx.header("Trailer", "X-MyTTS-RTF, X-MyTTS-Audio-Seconds, X-MyTTS-Warnings, X-MyTTS-Marks");
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

    /**
     * The audio after the last sentence, then the summary: real-time factor, warnings (the
     * request's own, such as unsupported SSML, then each sentence's) and the SSML marks' times.
     */
    private void done(SynthesisJob.Done d) throws IOException {
        if (out == null) {
            commit(); // a document of breaks alone has no sentence
        }
        SynthesisResult r = d.result();
        metrics.synthesized(r);
        List<String> all = new ArrayList<>(r.warnings());
        all.addAll(warnings);
        float[] tail = SpeechService.resample(d.tail(), rate, outputRate);
        String rtf = String.format(Locale.ROOT, "%.3f", r.realTimeFactor());
        trailers.set(Map.of("X-MyTTS-RTF", rtf,
                "X-MyTTS-Audio-Seconds", String.format(Locale.ROOT, "%.3f", r.durationSeconds()),
                "X-MyTTS-Warnings", all.isEmpty() ? "none" : headerValue(String.join("; ", all)),
                "X-MyTTS-Marks", marksTrailer(r.timeline().marks())));
        if (format == StreamFormat.NDJSON) {
            ObjectNode event = JSON.createObjectNode().put("type", "done").put("sentences", r.sentences().size())
                    .put("seconds", r.durationSeconds()).put("real_time_factor", r.realTimeFactor())
                    .put("first_audio_ms", r.timeToFirstAudioMillis()).put("total_ms", r.totalMillis())
                    .put("queued_ms", job.queuedSeconds() * 1000);
            all.forEach(event.putArray("warnings")::add);
            ArrayNode marks = event.putArray("marks");
            r.timeline().marks().forEach(m -> marks.addObject().put("name", m.name()).put("time", m.time()));
            if (tail.length > 0) {
                event.put("sample_rate", outputRate).put("audio", Base64.getEncoder().encodeToString(AudioEncoding.pcm16(tail)));
            }
            writeLine(event);
        } else {
            out.write(AudioEncoding.pcm16(tail));
        }
        out.flush();
    }

    /** {@code name=seconds} for each mark, comma separated, names percent-encoded; {@code none} without marks. */
    static String marksTrailer(List<Timeline.MarkTime> marks) {
        if (marks.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (Timeline.MarkTime m : marks) {
            b.append(b.length() > 0 ? ", " : "").append(URLEncoder.encode(m.name(), StandardCharsets.UTF_8)).append('=')
                    .append(String.format(Locale.ROOT, "%.3f", m.time()));
        }
        return b.toString();
    }

    /** A header value keeps to printable ASCII (a warning may quote the client's own text). */
    private static String headerValue(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?");
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
}
