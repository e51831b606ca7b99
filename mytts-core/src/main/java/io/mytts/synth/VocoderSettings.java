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
 * The vocoder a voice sounds best with ({@code "vocoder"} in {@code voice.json}): Griffin-Lim, or
 * a neural vocoder in a folder inside the voice. The Griffin-Lim settings are kept for a neural
 * voice too, for {@code --vocoder griffin-lim}. Voices written before neural vocoders existed have
 * no {@code type}, or {@code griffin-lim}, and keep Griffin-Lim.
 *
 * @param kind which vocoder the voice uses by default
 * @param iterations Griffin-Lim iterations (more: cleaner phase, slower)
 * @param power magnitude exponent; above 1 sharpens harmonics against Griffin-Lim's hiss
 * @param path the neural vocoder's folder, relative to the voice folder; null for Griffin-Lim
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
        if (kind == VocoderKind.GRIFFIN_LIM && path != null) {
            throw new InvalidInputException("\"path\" names a neural vocoder's folder; Griffin-Lim has none");
        }
    }

    /** Griffin-Lim with these settings. */
    public VocoderSettings(int iterations, double power) {
        this(VocoderKind.GRIFFIN_LIM, iterations, power, null);
    }

    /** The same Griffin-Lim settings, with a neural vocoder in {@code path} as the default. */
    public VocoderSettings withNeural(String path) {
        return new VocoderSettings(VocoderKind.NEURAL, iterations, power, path);
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
        @JsonPropertyDescription("the neural vocoder's folder inside the voice (neural only)")
        private String path;

        VocoderSettings build() {
            return new VocoderSettings(type, iterations, power, path);
        }
    }
}
