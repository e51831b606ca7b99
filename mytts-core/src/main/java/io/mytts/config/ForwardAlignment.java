package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a forward model's training durations come from: {@code teacher}, those of
 * {@code prosody.json} (read off an autoregressive model's attention by {@code mytts durations
 * extract}); {@code learned}, monotonic alignment search under the model's own alignment prior,
 * every step (Glow-TTS), so that no teacher is needed.
 */
public enum ForwardAlignment {
    TEACHER,
    LEARNED;

    /** The lower-case name used in JSON files. */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return jsonName();
    }
}
