package io.mytts.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.Voice;
import io.mytts.text.LanguageDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The voices the server speaks with, loaded once at start and looked up by name or locale. A
 * request only ever names a voice; nothing from a request reaches the file system.
 */
final class VoiceCatalog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The locale MaryTTS clients expect for a language when voice.json names none. */
    private static final Map<String, String> DEFAULT_LOCALES = Map.of("en", "en_US", "fa", "fa_IR");

    private static final LanguageDetector DETECTOR = new LanguageDetector();

    private final Map<String, ServedVoice> byName;

    private VoiceCatalog(Map<String, ServedVoice> byName) {
        this.byName = byName;
    }

    /**
     * Loads the voice in {@code folder} if it is one (it holds voice.json), else every voice in its
     * subfolders, in name order.
     */
    static VoiceCatalog load(Path folder) {
        List<Path> folders = voiceFolders(folder);
        Map<String, ServedVoice> voices = new LinkedHashMap<>();
        try {
            for (Path f : folders) {
                Voice v = Voice.load(f);
                if (voices.containsKey(v.name())) {
                    v.close();
                    throw new InvalidInputException("two voices are named " + v.name() + " (" + voices.get(v.name())
                            .voice().folder() + " and " + f + "); rename one in its voice.json");
                }
                JsonNode json = readJson(f.resolve(Voice.VOICE_JSON));
                String locale = json.path("locale").asText(DEFAULT_LOCALES.getOrDefault(
                        v.textSettings().language().code(), v.textSettings().language().code()));
                String gender = json.path("gender").asText("unknown");
                voices.put(v.name(), new ServedVoice(v, Synthesizer.of(v), locale, gender, modelCard(f)));
            }
        } catch (RuntimeException e) {
            voices.values().forEach(s -> s.voice().close());
            throw e;
        }
        return new VoiceCatalog(voices);
    }

    private static List<Path> voiceFolders(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("voices folder " + folder + " does not exist; pass --voices DIR (a voice"
                    + " folder with voice.json, or a folder of them)");
        }
        if (Files.isRegularFile(folder.resolve(Voice.VOICE_JSON))) {
            return List.of(folder);
        }
        List<Path> found = Voice.folders(folder);
        if (found.isEmpty()) {
            throw new InvalidInputException("no voice in " + folder + ": none of its folders holds "
                    + Voice.VOICE_JSON + "; pass --voices DIR");
        }
        return new ArrayList<>(found);
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + " is not valid JSON: " + e.getMessage());
        }
    }

    private static String modelCard(Path folder) {
        Path card = folder.resolve(Voice.MODEL_CARD);
        try {
            return Files.isRegularFile(card) ? Files.readString(card) : "";
        } catch (IOException e) {
            return "";
        }
    }

    List<ServedVoice> all() {
        return List.copyOf(byName.values());
    }

    /** The voice a request gets when it names none: the first. */
    ServedVoice defaultVoice() {
        return byName.values().iterator().next();
    }

    /**
     * The first voice that speaks the language of {@code text}'s script, else the default (which then
     * refuses the text with a message that names both languages).
     */
    ServedVoice forText(String text) {
        String language = DETECTOR.detect(text == null ? "" : text).code();
        return byName.values().stream().filter(v -> v.language().equals(language)).findFirst()
                .orElseGet(this::defaultVoice);
    }

    Optional<ServedVoice> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The first voice of a MaryTTS locale: an exact match ({@code en_US}), else the first of its
     * language ({@code en}, {@code EN}, {@code en-GB} all match an {@code en_US} voice).
     */
    Optional<ServedVoice> byLocale(String locale) {
        String wanted = locale.replace('-', '_');
        for (ServedVoice v : byName.values()) {
            if (v.locale().equalsIgnoreCase(wanted)) {
                return Optional.of(v);
            }
        }
        String language = language(locale);
        return byName.values().stream().filter(v -> v.language().equals(language)).findFirst();
    }

    /** The language of a locale: {@code en} of {@code en_US}, {@code en-GB} or {@code EN}. */
    static String language(String locale) {
        return locale.replace('-', '_').split("_", 2)[0].toLowerCase(Locale.ROOT);
    }

    /** The distinct locales, in voice order. */
    List<String> locales() {
        return byName.values().stream().map(ServedVoice::locale).distinct().toList();
    }

    @Override
    public void close() {
        byName.values().forEach(v -> v.voice().close());
    }
}
