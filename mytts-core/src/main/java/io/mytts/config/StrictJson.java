package io.mytts.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.mytts.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one way the project reads and writes its JSON files (configs, {@code voice.json}, a
 * checkpoint's {@code model.json}, {@code state.json}): Jackson data binding with snake_case keys,
 * and the same strictness everywhere. An unknown key is an error that lists the known ones; a value
 * of the wrong type is an error that names the file, the key and the expected type (never a silent
 * default: {@code "iterations": "lots"} is not 32); a value out of range is the type's own
 * validation message. Every error is an {@link InvalidInputException} that starts with the source.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = newMapper();

    private StrictJson() {}

    private static ObjectMapper newMapper() {
        ObjectMapper m = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                // "32" is not a number, 2.5 is not a whole number, 1 is not true, null is not 0.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // Older files spelled enum values in any case ("GELU"); keep reading them.
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        m.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        // A whole number is a fine value for a real-valued key ("learning_rate": 1).
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        // ... and a string is a fine value for a string, or for an enum spelled as a string.
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        m.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        return m;
    }

    /** Reads {@code file} as a {@code type}; errors start with the file's name. */
    public static <T> T read(Path file, Class<T> type) {
        return convert(readTree(file), type, file.toString());
    }

    /** Parses JSON text as a {@code type}; {@code source} names the text in errors. */
    public static <T> T parse(String json, Class<T> type, String source) {
        return convert(parseTree(json, source), type, source);
    }

    /** Binds a JSON tree to a {@code type}; {@code source} names where the tree came from in errors. */
    public static <T> T convert(JsonNode tree, Class<T> type, String source) {
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidInputException(source + ": nothing to read (empty)");
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw explain(e, source);
        } catch (IllegalArgumentException e) {
            throw explain(e, source);
        }
    }

    /** The file's JSON tree, with a message naming the file when it is missing or not JSON. */
    public static JsonNode readTree(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parseTree(text, file.toString());
    }

    /** JSON text as a tree; {@code source} names the text in errors. */
    public static JsonNode parseTree(String json, String source) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw explain(e, source);
        }
    }

    /** Bytes of JSON text as a tree; {@code source} names them in errors. */
    public static JsonNode parseTree(byte[] json, String source) {
        return parseTree(new String(json, StandardCharsets.UTF_8), source);
    }

    /** The value as pretty-printed JSON text ending in a newline. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Writes the value to a temporary file beside {@code file} and renames it into place. */
    public static void write(Object value, Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, write(value), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The value as a JSON tree. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** The value as an ordered map of its JSON keys, for embedding in other JSON. */
    public static Map<String, Object> toMap(Object value) {
        return MAPPER.convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    /** A record component's or field's JSON key: {@code dModel} is {@code d_model}. */
    static String key(String javaName) {
        return ((PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE).translate(javaName);
    }

    private static InvalidInputException explain(Exception e, String source) {
        Throwable cause = e.getCause();
        if (cause instanceof InvalidInputException invalid) { // a type's own validation, listing every problem
            String where = e instanceof JsonMappingException m ? path(m) : "";
            return new InvalidInputException(source + ": " + (where.isEmpty() ? "" : where + ": ")
                    + invalid.getMessage(), invalid);
        }
        if (e instanceof JsonParseException p) {
            return new InvalidInputException(source + ": not valid JSON: " + p.getOriginalMessage()
                    + (p.getLocation() == null ? "" : " (line " + p.getLocation().getLineNr() + ")"));
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String section = parentPath(u);
            return new InvalidInputException(source + ": unknown key '" + u.getPropertyName() + "'"
                    + (section.isEmpty() ? "" : " in " + section) + "; known keys: " + known(u.getKnownPropertyIds()));
        }
        if (e instanceof MismatchedInputException m && isTreeProblem(m)) { // trailing text, a key twice
            return new InvalidInputException(source + ": not valid JSON: " + m.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException m) {
            String where = path(m);
            String expected = expected(m.getTargetType());
            String actual = actual(m);
            if (where.isEmpty()) {
                return new InvalidInputException(source + ": must be " + expected + (actual == null ? "" : ", not " + actual));
            }
            return new InvalidInputException(source + ": '" + where + "' must be " + expected
                    + (actual == null ? "" : ", not " + actual));
        }
        if (e instanceof JsonMappingException m && cause != null) {
            return new InvalidInputException(source + ": " + (path(m).isEmpty() ? "" : "'" + path(m) + "': ")
                    + cause.getMessage(), cause);
        }
        return new InvalidInputException(source + ": " + (e instanceof JsonProcessingException p
                ? p.getOriginalMessage() : e.getMessage()), e);
    }

    /** A problem of the text itself, found while building the tree rather than binding it. */
    private static boolean isTreeProblem(MismatchedInputException m) {
        Class<?> target = m.getTargetType();
        return m.getPath().isEmpty() && (target == null || JsonNode.class.isAssignableFrom(target));
    }

    /** {@code vocoder.iterations}, {@code train.guided_attn_layers[1]}. */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String parentPath(JsonMappingException e) {
        String p = path(e);
        int dot = p.lastIndexOf('.');
        return dot < 0 ? "" : p.substring(0, dot);
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "(none)" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** What a value of {@code type} must be, in words: "a whole number", "one of: gelu, swiglu". */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of: " + Arrays.stream(type.getEnumConstants())
                    .map(c -> MAPPER.valueToTree(c).asText()).collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a JSON object";
    }

    /** The offending value as written in the file, when the parser still holds it. */
    private static String actual(MismatchedInputException e) {
        if (e instanceof InvalidFormatException f && f.getValue() != null) {
            return f.getValue() instanceof String s ? "\"" + s + "\"" : String.valueOf(f.getValue());
        }
        if (e.getProcessor() instanceof JsonParser p) {
            JsonToken t = p.currentToken();
            if (t == null) {
                return null;
            }
            try {
                return switch (t) {
                    case VALUE_STRING -> "\"" + p.getText() + "\"";
                    case START_OBJECT -> "an object";
                    case START_ARRAY -> "a list";
                    case VALUE_NULL -> "null";
                    default -> p.getText();
                };
            } catch (IOException ignored) {
                return null;
            }
        }
        return null;
    }
}
