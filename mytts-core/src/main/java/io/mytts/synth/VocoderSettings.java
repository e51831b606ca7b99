package io.mytts.synth;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.mytts.InvalidInputException;
import io.mytts.audio.GriffinLim;
import io.mytts.audio.Vocoder;
import io.mytts.config.AudioConfig;

/**
 * The vocoders of a voice ({@code "vocoder"} in {@code voice.json}): which one it speaks with by
 * default ({@code type}), Griffin-Lim's settings, and the folder of the neural vocoder it carries,
 * if any ({@code path}). A voice may carry a neural vocoder and still default to Griffin-Lim (while
 * the neural one is not yet the better of the two); {@code --vocoder neural} then asks for it.
 * Voices written before neural vocoders existed have no {@code type}, or {@code griffin-lim}, no
 * {@code path}, and keep Griffin-Lim.
 *
 * @param kind which vocoder the voice uses by default
 * @param iterations Griffin-Lim iterations (more: cleaner phase, slower)
 * @param power magnitude exponent; above 1 sharpens harmonics against Griffin-Lim's hiss
 * @param path the neural vocoder's folder, relative to the voice folder; null when it carries none
 */
@JsonDeserialize(builder = VocoderSettings.Keys.class)
@JsonPropertyOrder({"type", "iterations", "power", "path"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VocoderSettings(@JsonProperty("type") VocoderKind kind, int iterations, double power, String path) {

    public static final VocoderSettings DEFAULT = new Keys().build();

    public VocoderSettings {
        if (kind == null) {
            throw new InvalidInputException("the vocoder type cannot be null");
        }
        if (iterations < 1 || iterations > 1000) {
            throw new InvalidInputException("vocoder iterations must be between 1 and 1000, not " + iterations);
        }
        if (!(power > 0 && power <= 4)) {
            throw new InvalidInputException("vocoder power must be in (0, 4], not " + power);
        }
        if (kind == VocoderKind.NEURAL && (path == null || path.isBlank())) {
            throw new InvalidInputException("a neural vocoder needs \"path\": its folder inside the voice");
        }
        if (path != null && path.isBlank()) {
            throw new InvalidInputException("\"path\" must name the neural vocoder's folder inside the voice, or be left out");
        }
    }

    /** Griffin-Lim with these settings. */
    public VocoderSettings(int iterations, double power) {
        this(VocoderKind.GRIFFIN_LIM, iterations, power, null);
    }

    /** The same Griffin-Lim settings, carrying a neural vocoder in {@code path}, with {@code kind} the default. */
    public VocoderSettings withNeural(String path, VocoderKind kind) {
        return new VocoderSettings(kind, iterations, power, path);
    }

    /** Griffin-Lim for this audio config. */
    public Vocoder griffinLim(AudioConfig audio) {
        return GriffinLim.builder().optAudioConfig(audio).optIterations(iterations).optPower(power).build();
    }

    /** The keys, their defaults and meaning; for reading JSON. */
    @JsonPOJOBuilder
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Keys {
        @JsonPropertyDescription("the default vocoder: griffin-lim or neural")
        private VocoderKind type = VocoderKind.GRIFFIN_LIM;
        @JsonPropertyDescription("Griffin-Lim iterations, 1 to 1000 (more: cleaner phase, slower)")
        private int iterations = 32;
        @JsonPropertyDescription("magnitude exponent in (0, 4]; above 1 sharpens harmonics against Griffin-Lim's hiss")
        private double power = 1.2;
        @JsonPropertyDescription("the folder of the neural vocoder the voice carries, inside the voice (left out when none)")
        private String path;

        VocoderSettings build() {
            return new VocoderSettings(type, iterations, power, path);
        }
    }
}
