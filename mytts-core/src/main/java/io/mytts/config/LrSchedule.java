package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Learning-rate schedule of training. */
public enum LrSchedule {
    /** Noam: linear warm-up, then decay with the inverse square root of the step. */
    NOAM,
    /** Linear warm-up, then half a cosine down to {@code minLearningRate} at {@code maxSteps}. */
    COSINE,
    /** Linear warm-up, then constant. */
    CONSTANT;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
