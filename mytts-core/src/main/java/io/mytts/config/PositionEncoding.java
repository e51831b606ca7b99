package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Position information, as MyTTSModel's {@code pos_encoding_type='sinusoidal' | 'rope'}. */
public enum PositionEncoding {
    /** Fixed sinusoids added to the scaled inputs (Vaswani et al. 2017). */
    SINUSOIDAL,
    /** Rotary embedding applied to the queries and keys of self-attention (Su et al. 2021). */
    ROPE;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return jsonName();
    }
}
