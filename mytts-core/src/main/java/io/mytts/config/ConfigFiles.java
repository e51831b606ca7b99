package io.mytts.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mytts.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes configuration files as pretty-printed JSON with snake_case keys. */
public final class ConfigFiles {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigFiles() {}

    /** Reads a whole-run config (or a bare model config) from a file. */
    public static TTSConfig read(Path file) {
        JsonNode tree = readTree(file);
        try {
            return TTSConfig.fromJson(tree);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a config from JSON text; {@code source} names it in messages. */
    public static TTSConfig parse(String json, String source) {
        try {
            return TTSConfig.fromJson(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source + ": not valid JSON: " + e.getOriginalMessage());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + e.getMessage(), e);
        }
    }

    public static String toJson(TTSConfig config) {
        return toJson(config.toJsonMap());
    }

    public static String toJson(Object jsonTree) {
        try {
            return MAPPER.writeValueAsString(jsonTree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise config", e);
        }
    }

    public static void write(TTSConfig config, Path file) throws IOException {
        Files.writeString(file, toJson(config), StandardCharsets.UTF_8);
    }

    private static JsonNode readTree(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
    }
}
