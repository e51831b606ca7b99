package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Distance used by the mel reconstruction loss. */
public enum MelLoss {
    L1,
    MSE;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
