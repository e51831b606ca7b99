package io.mytts.config;

import io.mytts.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses the lower-case JSON spelling of an enum, with an error that lists the choices. */
final class JsonNames {

    private JsonNames() {}

    static <E extends Enum<E>> E parse(Class<E> type, String value, String key) {
        String wanted = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        String choices = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new InvalidInputException(
                "'" + key + "' is '" + value + "'; use one of: " + choices);
    }
}
