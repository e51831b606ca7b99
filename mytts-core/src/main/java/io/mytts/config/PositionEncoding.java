package io.mytts.config;

import java.util.Locale;

/** Position information, as MyTTSModel's {@code pos_encoding_type='sinusoidal' | 'rope'}. */
public enum PositionEncoding {
    /** Fixed sinusoids added to the scaled inputs (Vaswani et al. 2017). */
    SINUSOIDAL,
    /** Rotary embedding applied to the queries and keys of self-attention (Su et al. 2021). */
    ROPE;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PositionEncoding fromJson(String value) {
        return JsonNames.parse(PositionEncoding.class, value, "pos_encoding_type");
    }

    @Override
    public String toString() {
        return jsonName();
    }
}
