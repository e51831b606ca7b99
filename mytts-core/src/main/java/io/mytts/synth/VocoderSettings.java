package io.mytts.synth;

import com.fasterxml.jackson.databind.JsonNode;
import io.mytts.InvalidInputException;
import io.mytts.audio.GriffinLim;
import io.mytts.audio.Vocoder;
import io.mytts.config.AudioConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vocoder a voice sounds best with. Only Griffin-Lim ships; a neural vocoder can be passed to
 * {@link Synthesizer.Builder#optVocoder} instead.
 *
 * @param iterations Griffin-Lim iterations (more: cleaner phase, slower)
 * @param power magnitude exponent; above 1 sharpens harmonics against Griffin-Lim's hiss
 */
public record VocoderSettings(int iterations, double power) {

    public static final VocoderSettings DEFAULT = new VocoderSettings(32, 1.2);

    public VocoderSettings {
        if (iterations < 1 || iterations > 1000) {
            throw new InvalidInputException("vocoder iterations must be between 1 and 1000, not " + iterations);
        }
        if (!(power > 0 && power <= 4)) {
            throw new InvalidInputException("vocoder power must be in (0, 4], not " + power);
        }
    }

    /** Griffin-Lim for this audio config. */
    public Vocoder create(AudioConfig audio) {
        return GriffinLim.builder().optAudioConfig(audio).optIterations(iterations).optPower(power).build();
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "griffin-lim");
        m.put("iterations", iterations);
        m.put("power", power);
        return m;
    }

    static VocoderSettings fromJson(JsonNode node, String source) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return DEFAULT;
        }
        String type = node.path("type").asText("griffin-lim");
        if (!type.equals("griffin-lim")) {
            throw new InvalidInputException(source + ": vocoder type '" + type
                    + "' is not built in (only griffin-lim); pass your vocoder to the Synthesizer instead");
        }
        try {
            return new VocoderSettings(node.path("iterations").asInt(DEFAULT.iterations()),
                    node.path("power").asDouble(DEFAULT.power()));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + e.getMessage());
        }
    }
}
