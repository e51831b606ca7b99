package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Feed-forward activation, as MyTTSModel's {@code activation='gelu' | 'swiglu'}. */
public enum Activation {
    GELU,
    SWIGLU;

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
