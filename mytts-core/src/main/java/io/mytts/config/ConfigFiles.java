package io.mytts.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** Reads and writes configuration files as pretty-printed JSON with snake_case keys ({@link StrictJson}). */
public final class ConfigFiles {

    private ConfigFiles() {}

    /** Reads a whole-run config (or a bare model config) from a file. */
    public static TTSConfig read(Path file) {
        return TTSConfig.fromJson(StrictJson.readTree(file), file.toString());
    }

    /** Parses a config from JSON text; {@code source} names it in messages. */
    public static TTSConfig parse(String json, String source) {
        return TTSConfig.fromJson(StrictJson.parseTree(json, source), source);
    }

    /**
     * {@code base} with every key that {@code file} sets replaced, section by section: a file of
     * {@code {"train": {"learning_rate": 0.0005}}} changes that one key of a preset. A file of
     * model keys alone is the model section. Unknown keys and wrong types are errors naming the file.
     */
    public static TTSConfig readOnto(TTSConfig base, Path file) {
        return merge(base, StrictJson.readTree(file), file.toString());
    }

    /** As {@link #readOnto}, for JSON text; {@code source} names it in messages. */
    public static TTSConfig parseOnto(TTSConfig base, String json, String source) {
        return merge(base, StrictJson.parseTree(json, source), source);
    }

    private static TTSConfig merge(TTSConfig base, JsonNode overrides, String source) {
        if (overrides == null || !overrides.isObject()) {
            throw new InvalidInputException(source + " is not a JSON object; give one such as"
                    + " {\"train\": {\"max_steps\": 1000}}");
        }
        JsonNode sections = overrides;
        if (TTSConfig.isBareModel(overrides)) {
            sections = StrictJson.toTree(Map.of("model", overrides));
        }
        ObjectNode merged = (ObjectNode) StrictJson.toTree(base);
        Iterator<Map.Entry<String, JsonNode>> it = sections.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (merged.get(e.getKey()) instanceof ObjectNode target && e.getValue().isObject()) {
                target.setAll((ObjectNode) e.getValue());
            } else {
                merged.set(e.getKey(), e.getValue()); // an unknown section or a wrong type is reported by the binding
            }
        }
        return StrictJson.convert(merged, TTSConfig.class, source);
    }

    public static String toJson(TTSConfig config) {
        return StrictJson.write(config);
    }

    public static String toJson(Object jsonTree) {
        return StrictJson.write(jsonTree);
    }

    public static void write(TTSConfig config, Path file) throws IOException {
        StrictJson.write(config, file);
    }
}
