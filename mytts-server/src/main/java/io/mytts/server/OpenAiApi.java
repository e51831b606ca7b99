package io.mytts.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mytts.model.ModelKind;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import java.util.Locale;
import java.util.Set;
import javax.sound.sampled.AudioFileFormat;

/**
 * OpenAI's speech API, as chat front ends call it: {@code POST /v1/audio/speech} with
 * {@code model}, {@code input}, {@code voice}, {@code speed}, {@code response_format} ({@code wav}
 * at the voice's rate, or {@code pcm}: 16-bit mono at 24 kHz as OpenAI's, resampled) and
 * {@code stream}; and {@code GET /v1/audio/voices}.
 *
 * <p>{@code model} is accepted and ignored (the voice decides). OpenAI's own voice names
 * ({@code alloy}, {@code nova}, ...) speak with the default voice, because front ends send them
 * unasked. {@code speed} goes to a forward voice's durations (0.5 to 2.0 here, OpenAI allows 0.25 to
 * 4.0); on an autoregressive voice it must be 1.0: that voice has no speed control of its own, and
 * stretching its audio would change its pitch or add artefacts. mp3, opus, aac and flac are refused
 * with a clear message: no well-kept pure-Java encoder for them is on Maven Central.
 */
final class OpenAiApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPENAI_VOICES = Set.of("alloy", "ash", "ballad", "coral", "echo", "fable",
            "nova", "onyx", "sage", "shimmer", "verse");

    /** The rate of OpenAI's raw {@code pcm} format. */
    static final int OPENAI_PCM_RATE = 24_000;

    private final SpeechService speech;

    OpenAiApi(SpeechService speech) {
        this.speech = speech;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/audio/speech", this::speech);
        routes.get("/v1/audio/voices", this::voices);
    }

    private void speech(Context ctx) throws InterruptedException {
        JsonBody body = JsonBody.parse(ctx.body());
        body.string("model"); // any model name: the voice decides
        String name = body.string("voice");
        ServedVoice voice = name != null && OPENAI_VOICES.contains(name.toLowerCase(Locale.ROOT))
                && speech.voices().byName(name).isEmpty() ? speech.voices().forText(body.string("input"))
                        : speech.voice("voice", name, body.string("input"));
        Double speed = body.number("speed");
        if (speed != null && speed != 1.0 && voice.voice().kind() != ModelKind.FORWARD) {
            throw ApiException.badRequest("speed", "speed must be 1.0: voice " + voice.name() + " is autoregressive and"
                    + " has no speed control (only forward voices have it; see docs/server.md)");
        }
        SynthesisOptions options = SpeechService.options(null, null, speed, null, null, voice);
        String formatName = body.string("response_format");
        StreamFormat format = formatName == null ? StreamFormat.WAV : openAiFormat(formatName);
        SpeechRequest request = new SpeechRequest(voice, speech.document("input", body.string("input"), false, voice),
                options, "input");
        // OpenAI's pcm is 24 kHz by definition (there is no header to say otherwise); a WAV says its own rate.
        int rate = format == StreamFormat.PCM ? OPENAI_PCM_RATE : voice.sampleRate();
        if (Boolean.TRUE.equals(body.bool("stream"))) {
            speech.stream(ctx, request, format, rate);
            return;
        }
        SynthesisResult r = speech.whole(request);
        float[] samples = SpeechService.resample(r.audio().samples(), r.audio().sampleRate(), rate);
        ctx.header("X-Sample-Rate", String.valueOf(rate));
        ctx.header("X-MyTTS-RTF", String.format(Locale.ROOT, "%.3f", r.realTimeFactor()));
        SpeechService.sendFile(ctx, format.contentType(), format == StreamFormat.WAV
                ? AudioEncoding.file(samples, rate, AudioFileFormat.Type.WAVE)
                : AudioEncoding.pcm16(samples));
    }

    private static StreamFormat openAiFormat(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (Set.of("mp3", "opus", "aac", "flac").contains(lower)) {
            throw ApiException.badRequest("response_format", "response_format " + lower + " is not offered (no"
                    + " well-kept Java encoder for it); use wav or pcm");
        }
        return StreamFormat.parse("response_format", name, StreamFormat.WAV, StreamFormat.PCM);
    }

    /** {@code {"voices": [{"id": ..., "name": ..., "language": ...}]}}. */
    private void voices(Context ctx) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("voices");
        for (ServedVoice v : speech.voices().all()) {
            list.addObject().put("id", v.name()).put("name", v.name()).put("language", v.language());
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(root));
    }
}
