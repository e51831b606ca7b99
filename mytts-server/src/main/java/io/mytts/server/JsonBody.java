package io.mytts.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;

/** A JSON request body, read field by field; a wrong type is a 400 that names the field. */
final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root;

    private JsonBody(ObjectNode root) {
        this.root = root;
    }

    static JsonBody parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("body", "the request body is empty; send a JSON object");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body", "the request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("body", "the request body must be a JSON object");
        }
        return new JsonBody((ObjectNode) node);
    }

    /** The string in {@code field}, or null when absent or null. */
    String string(String field) {
        JsonNode n = field(field, JsonNode::isTextual, "a string");
        return n == null ? null : n.asText();
    }

    /** A name or a whole number in {@code field}, as text (a speaker by name or row), or null when absent. */
    String nameOrInteger(String field) {
        JsonNode n = field(field, v -> v.isTextual() || v.isIntegralNumber() && v.canConvertToLong(),
                "a name or a whole number");
        return n == null ? null : n.asText();
    }

    Double number(String field) {
        JsonNode n = field(field, JsonNode::isNumber, "a number");
        return n == null ? null : n.asDouble();
    }

    Long integer(String field) {
        JsonNode n = field(field, v -> v.isIntegralNumber() && v.canConvertToLong(), "a whole number");
        return n == null ? null : n.asLong();
    }

    Boolean bool(String field) {
        JsonNode n = field(field, JsonNode::isBoolean, "true or false");
        return n == null ? null : n.asBoolean();
    }

    /** The value of {@code field}, null when absent or JSON null, or a 400 when it is not {@code what}. */
    private JsonNode field(String field, Predicate<JsonNode> fits, String what) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!fits.test(n)) {
            throw ApiException.badRequest(field, field + " must be " + what);
        }
        return n;
    }
}
