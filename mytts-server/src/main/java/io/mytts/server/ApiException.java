package io.mytts.server;

import java.util.Map;

/**
 * A request the server refuses, with the HTTP status, the request field at fault (or null) and a
 * message for the client. Never carries a stack trace to the client.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String field;
    private final Map<String, String> headers;

    ApiException(int status, String field, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    /** 400: a malformed or out-of-range field. */
    static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message, Map.of());
    }

    /** 413: the text is longer than the server accepts. */
    static ApiException tooLong(String field, int length, int limit) {
        return new ApiException(413, field, field + " has " + length + " characters; this server speaks at most "
                + limit + " per request (split the text, or start the server with a larger --max-chars)", Map.of());
    }

    /** 429: every worker is busy and the queue is full. */
    static ApiException busy(int retryAfterSeconds) {
        return new ApiException(429, null, "the server is busy: every synthesis worker is speaking and the queue is"
                + " full; retry after " + retryAfterSeconds + " s", Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    /** 503: not ready yet (voices loading) or shutting down. */
    static ApiException unavailable(String message, int retryAfterSeconds) {
        return new ApiException(503, null, message, Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    int status() {
        return status;
    }

    /** The request field at fault, or null when the request as a whole is refused. */
    String field() {
        return field;
    }

    Map<String, String> headers() {
        return headers;
    }
}
