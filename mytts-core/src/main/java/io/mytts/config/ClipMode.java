package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Gradient clipping mode, as MyTTSModel's {@code norm_type='global' | 'per_layer' | 'percentile'}. */
public enum ClipMode {
    /** Scale all gradients together so their global L2 norm is at most the limit. */
    GLOBAL,
    /** Scale each parameter's gradient so its own L2 norm is at most the limit. */
    PER_LAYER,
    /** Clip the global norm at a percentile of the recent history of global norms. */
    PERCENTILE,
    /** No clipping. */
    NONE;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
