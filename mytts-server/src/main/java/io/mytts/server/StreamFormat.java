package io.mytts.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a streaming response carries its audio. */
enum StreamFormat {
    /** A WAV header with unknown length, then 16-bit PCM as each sentence is made. */
    WAV("audio/wav"),
    /** Raw 16-bit little-endian mono PCM; the rate is in the X-Sample-Rate header. */
    PCM("audio/pcm"),
    /** One JSON object a line: each sentence's audio (base64 PCM), alignment and warnings, then a summary. */
    NDJSON("application/x-ndjson");

    private final String contentType;

    StreamFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The format named {@code value} (case-insensitive) among {@code allowed}, or a 400 that names the field. */
    static StreamFormat parse(String field, String value, StreamFormat... allowed) {
        for (StreamFormat f : allowed) {
            if (f.name().equalsIgnoreCase(value)) {
                return f;
            }
        }
        throw ApiException.badRequest(field, field + " must be one of " + Arrays.stream(allowed)
                .map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", not '" + value + "'");
    }
}
