package io.mytts.config;

import java.util.Locale;

/** Feed-forward activation, as MyTTSModel's {@code activation='gelu' | 'swiglu'}. */
public enum Activation {
    GELU,
    SWIGLU;

    /** The lower-case name used in JSON files. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Activation fromJson(String value) {
        return JsonNames.parse(Activation.class, value, "activation");
    }

    @Override
    public String toString() {
        return jsonName();
    }
}
