package io.mytts.ssml;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of SSML's prosody, break and emphasis attributes as numbers. Keyword values follow
 * common engines' moderate settings; bad values raise {@link IllegalArgumentException} with a
 * message the parser puts a line and column on.
 */
final class ProsodyValues {

    static final double MIN_RATE = 0.25;
    static final double MAX_RATE = 4.0;
    static final double MAX_SEMITONES = 12;
    static final double MAX_BREAK_SECONDS = 60;

    private static final Map<String, Double> RATES = Map.of("x-slow", 0.5, "slow", 0.75, "medium", 1.0,
            "default", 1.0, "fast", 1.25, "x-fast", 1.5);
    private static final Map<String, Double> PITCHES = Map.of("x-low", -4.0, "low", -2.0, "medium", 0.0,
            "default", 0.0, "high", 2.0, "x-high", 4.0);
    private static final Map<String, Double> VOLUMES_DB = Map.of("x-soft", -12.0, "soft", -6.0, "medium", 0.0,
            "default", 0.0, "loud", 6.0, "x-loud", 10.0);
    private static final Map<String, Double> BREAKS = Map.of("none", 0.0, "x-weak", 0.1, "weak", 0.2,
            "medium", 0.4, "strong", 0.7, "x-strong", 1.2);

    private static final Pattern PERCENT = Pattern.compile("([+-]?\\d+(?:\\.\\d+)?)%");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?");
    private static final Pattern SEMITONES = Pattern.compile("([+-]\\d+(?:\\.\\d+)?)st");
    private static final Pattern HERTZ = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?Hz");
    private static final Pattern DECIBELS = Pattern.compile("([+-]\\d+(?:\\.\\d+)?)dB");
    private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)(s|ms)");

    private ProsodyValues() {}

    /** A rate factor: a keyword, a percentage ("150%", "+20%") or a multiple ("1.5"). */
    static double rate(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Double keyword = RATES.get(v);
        double r;
        Matcher p = PERCENT.matcher(v);
        if (keyword != null) {
            r = keyword;
        } else if (p.matches()) {
            double pct = Double.parseDouble(p.group(1));
            boolean relative = v.startsWith("+") || v.startsWith("-");
            r = relative ? 1 + pct / 100 : pct / 100;
        } else if (NUMBER.matcher(v).matches()) {
            r = Double.parseDouble(v);
        } else {
            throw new IllegalArgumentException("prosody rate '" + value + "' is not a keyword (x-slow, slow, medium,"
                    + " fast, x-fast), a percentage (150%, +20%) or a number (1.5)");
        }
        if (r < MIN_RATE || r > MAX_RATE) {
            throw new IllegalArgumentException("prosody rate '" + value + "' is " + r + " times the voice's; use "
                    + MIN_RATE + " to " + MAX_RATE);
        }
        return r;
    }

    /**
     * A pitch shift in semitones: a keyword, "+2st", or a relative percentage ("+10%"); NaN for
     * values in hertz, which need the voice's own pitch and are not supported.
     */
    static double pitchSemitones(String value) {
        String v = value.trim();
        Double keyword = PITCHES.get(v.toLowerCase(Locale.ROOT));
        double st;
        Matcher s = SEMITONES.matcher(v);
        Matcher p = PERCENT.matcher(v);
        if (keyword != null) {
            st = keyword;
        } else if (s.matches()) {
            st = Double.parseDouble(s.group(1));
        } else if (p.matches() && (v.startsWith("+") || v.startsWith("-"))) {
            double factor = 1 + Double.parseDouble(p.group(1)) / 100;
            if (factor <= 0) {
                throw new IllegalArgumentException("prosody pitch '" + value + "' lowers the pitch by 100% or more");
            }
            st = 12 * Math.log(factor) / Math.log(2);
        } else if (HERTZ.matcher(v).matches()) {
            return Double.NaN;
        } else {
            throw new IllegalArgumentException("prosody pitch '" + value + "' is not a keyword (x-low, low, medium,"
                    + " high, x-high), semitones (+2st, -3st) or a relative percentage (+10%)");
        }
        if (Math.abs(st) > MAX_SEMITONES) {
            throw new IllegalArgumentException("prosody pitch '" + value + "' shifts by " + st
                    + " semitones; use at most " + MAX_SEMITONES + " either way");
        }
        return st;
    }

    /** A volume as a linear gain: a keyword, "silent", "+6dB", or a number from 0 to 100 (100: unchanged). */
    static double gain(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("silent")) {
            return 0;
        }
        Double keyword = VOLUMES_DB.get(v.toLowerCase(Locale.ROOT));
        Matcher db = DECIBELS.matcher(v);
        if (keyword != null) {
            return Math.pow(10, keyword / 20);
        }
        if (db.matches()) {
            double d = Double.parseDouble(db.group(1));
            if (d > 20) {
                throw new IllegalArgumentException("prosody volume '" + value + "' is louder than +20dB");
            }
            return Math.pow(10, d / 20);
        }
        if (NUMBER.matcher(v).matches() && !v.startsWith("+") && !v.startsWith("-")) {
            double n = Double.parseDouble(v);
            if (n > 100) {
                throw new IllegalArgumentException("prosody volume '" + value + "' is over 100");
            }
            return n / 100;
        }
        throw new IllegalArgumentException("prosody volume '" + value + "' is not a keyword (silent, x-soft, soft,"
                + " medium, loud, x-loud), decibels (+6dB, -3dB) or a number from 0 to 100");
    }

    /** A break's length in seconds from its time ("1s", "250ms") or, without one, its strength. */
    static double breakSeconds(String time, String strength) {
        if (time != null) {
            Matcher m = TIME.matcher(time.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("break time '" + time + "' is not a time such as 1s, 0.5s or 250ms");
            }
            double s = Double.parseDouble(m.group(1)) / (m.group(2).equals("ms") ? 1000 : 1);
            if (s > MAX_BREAK_SECONDS) {
                throw new IllegalArgumentException("break time '" + time + "' is longer than "
                        + (int) MAX_BREAK_SECONDS + " s");
            }
            return s;
        }
        if (strength == null) {
            return BREAKS.get("medium");
        }
        Double s = BREAKS.get(strength.trim().toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("break strength '" + strength + "' is not one of none, x-weak, weak,"
                    + " medium, strong, x-strong");
        }
        return s;
    }
}
