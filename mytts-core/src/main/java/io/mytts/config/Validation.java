package io.mytts.config;

import io.mytts.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a config, so one message lists them all. */
final class Validation {

    private final String what;
    private final List<String> problems = new ArrayList<>();

    Validation(String what) {
        this.what = what;
    }

    void fail(String problem) {
        problems.add(problem);
    }

    void positive(String key, int value) {
        if (value <= 0) {
            fail(key + " must be positive, not " + value);
        }
    }

    void positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            fail(key + " must be a positive number, not " + value);
        }
    }

    void nonNegative(String key, int value) {
        if (value < 0) {
            fail(key + " must be 0 or more, not " + value);
        }
    }

    void oddPositive(String key, int value) {
        if (value <= 0 || value % 2 == 0) {
            fail(key + " must be a positive odd number, not " + value);
        }
    }

    /** A rate in [0, 1). */
    void rate(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            fail(key + " must be in [0, 1), not " + value);
        }
    }

    void notNull(String key, Object value) {
        if (value == null) {
            fail(key + " must be set");
        }
    }

    void throwIfFailed() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid " + what + ": " + String.join("; ", problems));
        }
    }
}
