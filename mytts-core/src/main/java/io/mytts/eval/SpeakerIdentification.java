package io.mytts.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which enrolled speaker a recording is nearest to ({@link SpeakerIdentifier#identify}).
 *
 * @param speaker the nearest speaker's name, or {@link #NO_SPEECH_LABEL} when the recording had no speech frame
 * @param distances every enrolled speaker's distance, nearest first: the mean negative log-likelihood of the
 *     recording's frames under that speaker's diagonal Gaussian, in nats per coefficient (lower is nearer;
 *     only differences between speakers mean something)
 * @param frames how many speech frames were compared
 */
public record SpeakerIdentification(String speaker, Map<String, Double> distances, int frames) {

    /** What {@link #speaker()} is for a recording without speech. */
    public static final String NO_SPEECH_LABEL = "(no speech)";

    /** The identification of a recording without a single speech frame. */
    public static final SpeakerIdentification NO_SPEECH = new SpeakerIdentification(NO_SPEECH_LABEL, Map.of(), 0);

    public SpeakerIdentification {
        distances = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(distances));
    }

    /** How much nearer the nearest speaker is than the second nearest (NaN with fewer than two). */
    public double margin() {
        double[] d = distances.values().stream().mapToDouble(Double::doubleValue).limit(2).toArray();
        return d.length < 2 ? Double.NaN : d[1] - d[0];
    }
}
