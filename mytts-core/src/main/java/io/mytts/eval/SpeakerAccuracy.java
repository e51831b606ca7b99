package io.mytts.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How many recordings meant to be one speaker a {@link SpeakerIdentifier} assigned to that speaker,
 * and to whom it assigned the rest (the expected speaker's row of a confusion matrix).
 *
 * @param expected the speaker the recordings should sound like
 * @param assigned how many went to each speaker (and to {@link SpeakerIdentification#NO_SPEECH_LABEL}), by name
 */
public record SpeakerAccuracy(String expected, Map<String, Integer> assigned) {

    public SpeakerAccuracy {
        assigned = java.util.Collections.unmodifiableMap(new TreeMap<>(assigned));
    }

    /** The tally of some identifications. */
    public static SpeakerAccuracy of(String expected, List<SpeakerIdentification> identifications) {
        return new SpeakerAccuracy(expected, identifications.stream()
                .collect(Collectors.toMap(SpeakerIdentification::speaker, i -> 1, Integer::sum)));
    }

    public int total() {
        return assigned.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int correct() {
        return assigned.getOrDefault(expected, 0);
    }

    /** The share assigned to the expected speaker; NaN for none. */
    public double share() {
        return total() == 0 ? Double.NaN : correct() / (double) total();
    }

    /** {@code 96.0% (24 of 25; flite-awb 1)}: the share, then where the others went. */
    public String describe() {
        String others = assigned.entrySet().stream().filter(e -> !e.getKey().equals(expected))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%.1f%% (%d of %d%s)", 100 * share(), correct(), total(),
                others.isEmpty() ? "" : "; " + others);
    }

    /** {@code items}, {@code assigned_to_expected}, {@code share} (null for none) and {@code confusion}. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", total());
        m.put("assigned_to_expected", correct());
        m.put("share", total() == 0 ? null : share());
        m.put("confusion", assigned);
        return m;
    }
}
