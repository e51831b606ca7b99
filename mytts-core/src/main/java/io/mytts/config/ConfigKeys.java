package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The keys of a config file, read from where each is declared (a field of its section's builder:
 * name, type, default and {@link JsonPropertyDescription description}), for {@code mytts config
 * show --describe}. Nothing here repeats a key.
 */
public final class ConfigKeys {

    /**
     * One key of a config.
     *
     * @param section {@code model}, {@code audio}, {@code train} or {@code forward}
     * @param name the JSON key
     * @param type what the value must be, in words
     * @param value its value in the config described
     * @param description what it means
     */
    public record Key(String section, String name, String type, JsonNode value, String description) {}

    private static final Map<String, Class<?>> SECTIONS = Map.of(
            "model", ModelConfig.Builder.class, "audio", AudioConfig.Builder.class, "train", TrainConfig.Builder.class,
            "forward", ForwardConfig.Builder.class);

    private ConfigKeys() {}

    /** Every key of {@code config}, section by section, in declaration order. */
    public static List<Key> describe(TTSConfig config) {
        // A config without a forward section describes that section's defaults.
        JsonNode values = StrictJson.toTree(config.withForward(config.forwardOrDefault()));
        List<Key> keys = new ArrayList<>();
        for (String section : List.of("model", "audio", "train", "forward")) {
            for (Field f : SECTIONS.get(section).getDeclaredFields()) {
                JsonPropertyDescription d = f.getAnnotation(JsonPropertyDescription.class);
                if (d == null || Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                String name = StrictJson.key(f.getName());
                keys.add(new Key(section, name, StrictJson.expected(f.getType()), values.path(section).path(name),
                        d.value()));
            }
        }
        return keys;
    }
}
