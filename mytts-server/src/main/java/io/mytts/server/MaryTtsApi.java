package io.mytts.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import java.util.Locale;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;

/**
 * MaryTTS 5.2's HTTP API, so that its clients (screen readers, openHAB, Home Assistant, Rhasspy)
 * work unchanged: {@code /process} (GET or POST form) and the plain-text info requests
 * {@code /version}, {@code /voices}, {@code /locales} and {@code /audioformats}, in MaryTTS's own
 * response formats. {@code INPUT_TYPE=SSML} reads INPUT_TEXT as an SSML document (with or without
 * an XML declaration and the SSML namespace, as MaryTTS clients send it).
 */
final class MaryTtsApi {

    /** The MaryTTS version this API follows; clients compare it to decide what to send. */
    static final String MARY_VERSION = "5.2";
    private static final String TEXT = "text/plain; charset=UTF-8";
    /** AUDIO values and what they produce. MaryTTS streams only MP3 and Vorbis, so WAVE is a whole file too. */
    private static final Map<String, AudioFileFormat.Type> AUDIO_TYPES = Map.of(
            "WAVE_FILE", AudioFileFormat.Type.WAVE, "WAVE", AudioFileFormat.Type.WAVE,
            "AU_FILE", AudioFileFormat.Type.AU, "AU", AudioFileFormat.Type.AU,
            "AIFF_FILE", AudioFileFormat.Type.AIFF, "AIFF", AudioFileFormat.Type.AIFF);
    private static final Map<AudioFileFormat.Type, String> CONTENT_TYPES = Map.of(
            AudioFileFormat.Type.WAVE, "audio/x-wav", AudioFileFormat.Type.AU, "audio/basic",
            AudioFileFormat.Type.AIFF, "audio/x-aiff");

    private final SpeechService speech;
    private final String implementation;

    MaryTtsApi(SpeechService speech, String implementation) {
        this.speech = speech;
        this.implementation = implementation;
    }

    void register(RoutesConfig routes) {
        routes.get("/process", this::process);
        routes.post("/process", this::process);
        routes.get("/version", ctx -> ctx.contentType(TEXT).result(version()));
        routes.get("/voices", ctx -> ctx.contentType(TEXT).result(voices()));
        routes.get("/locales", ctx -> ctx.contentType(TEXT).result(locales()));
        routes.get("/audioformats", ctx -> ctx.contentType(TEXT).result(audioFormats()));
    }

    /** {@code Mary TTS server 5.2 (impl. ...)}, the line MaryTTS clients parse for the version. */
    String version() {
        return "Mary TTS server " + MARY_VERSION + " (impl. " + implementation + ")";
    }

    /** One voice a line: name, locale, gender and type ({@code other}: neither unit selection nor HMM). */
    String voices() {
        StringBuilder out = new StringBuilder();
        for (ServedVoice v : speech.voices().all()) {
            out.append(v.name()).append(' ').append(v.locale()).append(' ').append(v.gender()).append(" other\n");
        }
        return out.toString();
    }

    String locales() {
        StringBuilder out = new StringBuilder();
        speech.voices().locales().forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /** The file types {@code /process} writes, as MaryTTS lists them ({@code WAVE_FILE} ...). */
    static String audioFormats() {
        return "WAVE_FILE\nAU_FILE\nAIFF_FILE\n";
    }

    private void process(Context ctx) throws InterruptedException {
        String inputType = param(ctx, "INPUT_TYPE", "TEXT");
        boolean ssml = inputType.equalsIgnoreCase("SSML");
        if (!ssml && !inputType.equalsIgnoreCase("TEXT")) {
            throw ApiException.badRequest("INPUT_TYPE", "INPUT_TYPE must be TEXT or SSML, not '"
                    + SpeechService.abbreviate(inputType) + "'");
        }
        String outputType = param(ctx, "OUTPUT_TYPE", "AUDIO");
        if (!outputType.equalsIgnoreCase("AUDIO")) {
            throw ApiException.badRequest("OUTPUT_TYPE", "OUTPUT_TYPE must be AUDIO, not '"
                    + SpeechService.abbreviate(outputType) + "' (this server makes speech, not MaryXML)");
        }
        String audio = param(ctx, "AUDIO", "WAVE_FILE").toUpperCase(Locale.ROOT);
        AudioFileFormat.Type type = AUDIO_TYPES.get(audio);
        if (type == null) {
            throw ApiException.badRequest("AUDIO", "AUDIO must be one of WAVE_FILE, WAVE, AU_FILE or AIFF_FILE, not '"
                    + SpeechService.abbreviate(audio) + "'");
        }
        ServedVoice voice = voice(param(ctx, "VOICE", null), param(ctx, "LOCALE", null), param(ctx, "INPUT_TEXT", null));
        var document = speech.document("INPUT_TEXT", param(ctx, "INPUT_TEXT", null), ssml, voice);
        SynthesisResult r = speech.whole(new SpeechRequest(voice, document, SynthesisOptions.defaults(), "INPUT_TEXT"));
        ctx.header("X-MyTTS-RTF", String.format(Locale.ROOT, "%.3f", r.realTimeFactor()));
        SpeechService.sendFile(ctx, CONTENT_TYPES.get(type), AudioEncoding.file(r.audio().samples(), r.audio().sampleRate(), type));
    }

    /**
     * VOICE if given (it must exist and fit LOCALE), else the first voice of LOCALE, else the first
     * that speaks the text's language.
     */
    private ServedVoice voice(String name, String locale, String text) {
        if (name != null && !name.isEmpty()) {
            ServedVoice v = speech.voice("VOICE", name, text);
            if (locale != null && !locale.isEmpty() && !VoiceCatalog.language(locale).equals(v.language())) {
                throw ApiException.badRequest("LOCALE", "voice " + v.name() + " speaks " + v.locale() + ", not "
                        + SpeechService.abbreviate(locale));
            }
            return v;
        }
        if (locale != null && !locale.isEmpty()) {
            return speech.voices().byLocale(locale).orElseThrow(() -> ApiException.badRequest("LOCALE",
                    "no voice for locale '" + SpeechService.abbreviate(locale) + "'; this server has "
                            + String.join(", ", speech.voices().locales())));
        }
        return speech.voices().forText(text);
    }

    /** A parameter from the form of a POST or the query of a GET, as MaryTTS reads both. */
    private static String param(Context ctx, String name, String fallback) {
        String v = ctx.method() == HandlerType.POST ? ctx.formParam(name) : null;
        if (v == null) {
            v = ctx.queryParam(name);
        }
        return v != null ? v : fallback;
    }
}
