package io.mytts.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The native API: {@code POST /api/tts} streams speech sentence by sentence ({@code wav},
 * {@code pcm} or {@code ndjson}), {@code GET /api/voices} lists the voices with their model cards.
 */
final class NativeApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpeechService speech;

    NativeApi(SpeechService speech) {
        this.speech = speech;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/tts", this::tts);
        routes.get("/api/voices", this::voices);
    }

    /**
     * {@code {"text", "ssml", "voice", "speaker", "temperature", "seed", "speed", "pitch", "format"}};
     * only text is required. With {@code "ssml": true} the text is an SSML document; {@code speed}
     * (0.5 to 2.0, a length scale) and {@code pitch} (semitones, -12 to 12) need a forward voice.
     */
    private void tts(Context ctx) throws InterruptedException {
        JsonBody body = JsonBody.parse(ctx.body());
        ServedVoice voice = speech.voice("voice", body.string("voice"), body.string("text"));
        var document = speech.document("text", body.string("text"), Boolean.TRUE.equals(body.bool("ssml")), voice);
        var options = SpeechService.options(body.number("temperature"), body.integer("seed"), body.number("speed"),
                body.number("pitch"), body.nameOrInteger("speaker"), voice);
        String format = body.string("format");
        StreamFormat f = format == null ? StreamFormat.WAV
                : StreamFormat.parse("format", format, StreamFormat.values());
        speech.stream(ctx, new SpeechRequest(voice, document, options, "text"), f);
    }

    private void voices(Context ctx) throws IOException {
        ArrayNode list = JSON.createArrayNode();
        for (ServedVoice v : speech.voices().all()) {
            ObjectNode o = list.addObject().put("name", v.name()).put("language", v.language())
                    .put("locale", v.locale()).put("gender", v.gender()).put("sample_rate", v.sampleRate())
                    .put("precision", v.voice().precision())
                    .put("kind", v.voice().kind().jsonName()); // forward voices take speed and pitch
            ArrayNode speakers = o.putArray("speakers");
            // Each entry is a value the "speaker" field takes: the names, or "0" for one unnamed speaker.
            for (int i = 0; i < v.voice().speakers().size(); i++) {
                speakers.add(v.voice().speakers().name(i));
            }
            o.set("provenance", JSON.valueToTree(v.voice().provenance()));
            o.put("model_card", v.modelCard());
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(list));
    }
}
