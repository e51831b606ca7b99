package io.mytts.config;

import java.util.Locale;

/** Learning-rate schedule of training. */
public enum LrSchedule {
    /** Noam: linear warm-up, then decay with the inverse square root of the step. */
    NOAM,
    /** Linear warm-up, then half a cosine down to {@code minLearningRate} at {@code maxSteps}. */
    COSINE,
    /** Linear warm-up, then constant. */
    CONSTANT;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LrSchedule fromJson(String value) {
        return JsonNames.parse(LrSchedule.class, value, "lr_schedule");
    }
}
