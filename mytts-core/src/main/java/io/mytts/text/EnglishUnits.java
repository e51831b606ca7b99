package io.mytts.text;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Unit symbols after a number, read as words in the singular after exactly one and in the plural
 * otherwise: "1 kg" one kilogram, "10kg" ten kilograms, "60 mph" sixty miles per hour. Symbols
 * that are also common words or letters ("in", "s", "h", "A") are left out: a number before them
 * is too often something else.
 */
final class EnglishUnits {

    /** Symbol to singular and plural; case matters (mB is not MB). */
    private static final Map<String, String[]> UNITS = new LinkedHashMap<>();

    static {
        unit("kg", "kilogram");
        unit("g", "gram");
        unit("mg", "milligram");
        unit("lb", "pound");
        unit("lbs", "pound");
        unit("oz", "ounce");
        unit("km", "kilometer");
        unit("m", "meter");
        unit("cm", "centimeter");
        unit("mm", "millimeter");
        unit("mi", "mile");
        UNITS.put("ft", new String[] {"foot", "feet"});
        unit("yd", "yard");
        UNITS.put("mph", new String[] {"mile per hour", "miles per hour"});
        UNITS.put("km/h", new String[] {"kilometer per hour", "kilometers per hour"});
        UNITS.put("kph", new String[] {"kilometer per hour", "kilometers per hour"});
        unit("ml", "milliliter");
        unit("mL", "milliliter");
        unit("l", "liter");
        unit("L", "liter");
        unit("KB", "kilobyte");
        unit("kB", "kilobyte");
        unit("MB", "megabyte");
        unit("GB", "gigabyte");
        unit("TB", "terabyte");
        UNITS.put("Hz", new String[] {"hertz", "hertz"});
        UNITS.put("kHz", new String[] {"kilohertz", "kilohertz"});
        UNITS.put("MHz", new String[] {"megahertz", "megahertz"});
        UNITS.put("GHz", new String[] {"gigahertz", "gigahertz"});
        unit("W", "watt");
        unit("kW", "kilowatt");
        unit("kWh", "kilowatt hour");
        unit("V", "volt");
        unit("ms", "millisecond");
        unit("min", "minute");
        unit("sec", "second");
        unit("hr", "hour");
        unit("hrs", "hour");
        UNITS.put("°C", new String[] {"degree Celsius", "degrees Celsius"});
        UNITS.put("°F", new String[] {"degree Fahrenheit", "degrees Fahrenheit"});
        UNITS.put("° C", UNITS.get("°C"));
        UNITS.put("° F", UNITS.get("°F"));
    }

    private EnglishUnits() {}

    private static void unit(String symbol, String singular) {
        UNITS.put(symbol, new String[] {singular, singular + "s"});
    }

    /** The symbols as a regular-expression alternation, longest first so that "mph" wins over "m". */
    static final String ALTERNATION = UNITS.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .collect(Collectors.joining("|"));

    /** The characters one of which every symbol holds (a cheap pre-check of the rule). */
    static final String TRIGGERS = UNITS.keySet().stream().map(s -> s.substring(0, 1)).distinct()
            .collect(Collectors.joining());

    /** The unit's words: singular when {@code one}, else plural. */
    static String words(String symbol, boolean one) {
        String[] forms = UNITS.get(symbol);
        return one ? forms[0] : forms[1];
    }
}
