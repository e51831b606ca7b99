package io.mytts.model;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mytts.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which acoustic model a checkpoint holds: {@code kind} in its {@code model.json}; checkpoints
 * written before the key existed are autoregressive.
 */
public enum ModelKind {
    /** {@link TransformerTTS}: attention, one frame group per decoder step, a stop token. */
    AUTOREGRESSIVE,
    /** {@code io.mytts.forward.ForwardTTS}: durations, pitch and energy, one parallel pass. */
    FORWARD;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return jsonName();
    }

    /** Parses a name as the CLI and files spell it ({@code autoregressive}, {@code forward}). */
    public static ModelKind parse(String name) {
        for (ModelKind k : values()) {
            if (k.jsonName().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new InvalidInputException("unknown model kind '" + name + "'; choose one of: "
                + Arrays.stream(values()).map(ModelKind::jsonName).collect(Collectors.joining(", ")));
    }
}
