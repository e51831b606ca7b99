package io.mytts.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest(field, field + " must be a string");
        }
        return n.asText();
    }

    Double number(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw ApiException.badRequest(field, field + " must be a number");
        }
        return n.asDouble();
    }

    Long integer(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw ApiException.badRequest(field, field + " must be a whole number");
        }
        return n.asLong();
    }

    Boolean bool(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw ApiException.badRequest(field, field + " must be true or false");
        }
        return n.asBoolean();
    }
}
