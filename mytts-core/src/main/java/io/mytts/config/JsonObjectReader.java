package io.mytts.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mytts.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON object by their snake_case keys, with defaults for absent keys,
 * and refuses keys that no field claims.
 *
 * <p>Hand-written rather than Jackson data binding so that every message names the section and the
 * key, and so that an absent newer key falls back to the default that keeps old behaviour.
 */
final class JsonObjectReader {

    private final JsonNode node;
    private final String section;
    private final Set<String> claimed = new LinkedHashSet<>();

    JsonObjectReader(JsonNode node, String section) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("'" + section + "' must be a JSON object");
        }
        this.node = node;
        this.section = section;
    }

    int getInt(String key, int fallback) {
        JsonNode v = claim(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw wrongType(key, "a whole number", v);
        }
        return v.intValue();
    }

    long getLong(String key, long fallback) {
        JsonNode v = claim(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw wrongType(key, "a whole number", v);
        }
        return v.longValue();
    }

    double getDouble(String key, double fallback) {
        JsonNode v = claim(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw wrongType(key, "a number", v);
        }
        return v.doubleValue();
    }

    /** A number that may be JSON null (for example {@code cross_win}); absent gives the fallback. */
    Double getNullableDouble(String key, Double fallback) {
        JsonNode v = claim(key);
        if (v == null) {
            return fallback;
        }
        if (v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(key, "a number or null", v);
        }
        return v.doubleValue();
    }

    /** A whole number that may be JSON null (for example {@code cross_win_tokens}); absent gives the fallback. */
    Integer getNullableInt(String key, Integer fallback) {
        JsonNode v = claim(key);
        if (v == null) {
            return fallback;
        }
        if (v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw wrongType(key, "a whole number or null", v);
        }
        return v.intValue();
    }

    boolean getBoolean(String key, boolean fallback) {
        JsonNode v = claim(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw wrongType(key, "true or false", v);
        }
        return v.booleanValue();
    }

    String getString(String key, String fallback) {
        JsonNode v = claim(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw wrongType(key, "a string", v);
        }
        return v.textValue();
    }

    List<Integer> getIntList(String key, List<Integer> fallback) {
        JsonNode v = claim(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isArray()) {
            throw wrongType(key, "a list of whole numbers", v);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isIntegralNumber()) {
                throw wrongType(key, "a list of whole numbers", v);
            }
            out.add(item.intValue());
        }
        return List.copyOf(out);
    }

    JsonNode getObject(String key) {
        JsonNode v = claim(key);
        return v == null || v.isNull() ? null : v;
    }

    /** Fails, naming the first key that no field claimed, and listing the keys that are known. */
    void rejectUnknownKeys() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!claimed.contains(name)) {
                throw new InvalidInputException("unknown key '" + name + "' in " + section
                        + "; known keys: " + String.join(", ", claimed));
            }
        }
    }

    private JsonNode claim(String key) {
        claimed.add(key);
        return node.get(key);
    }

    private InvalidInputException wrongType(String key, String expected, JsonNode actual) {
        return new InvalidInputException("'" + key + "' in " + section + " must be " + expected
                + ", not " + actual);
    }
}
