package io.mytts.synth;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
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
 * The vocoder a voice sounds best with ({@code "vocoder"} in {@code voice.json}). Only Griffin-Lim
 * ships; a neural vocoder can be passed to {@link Synthesizer.Builder#optVocoder} instead.
 *
 * @param iterations Griffin-Lim iterations (more: cleaner phase, slower)
 * @param power magnitude exponent; above 1 sharpens harmonics against Griffin-Lim's hiss
 */
@JsonDeserialize(builder = VocoderSettings.Keys.class)
@JsonPropertyOrder({"type", "iterations", "power"})
public record VocoderSettings(int iterations, double power) {

    static final String GRIFFIN_LIM = "griffin-lim";

    public static final VocoderSettings DEFAULT = new Keys().build();

    public VocoderSettings {
        if (iterations < 1 || iterations > 1000) {
            throw new InvalidInputException("vocoder iterations must be between 1 and 1000, not " + iterations);
        }
        if (!(power > 0 && power <= 4)) {
            throw new InvalidInputException("vocoder power must be in (0, 4], not " + power);
        }
    }

    /** The only built-in kind, {@code griffin-lim}. */
    @JsonProperty("type")
    public String type() {
        return GRIFFIN_LIM;
    }

    /** Griffin-Lim for this audio config. */
    public Vocoder create(AudioConfig audio) {
        return GriffinLim.builder().optAudioConfig(audio).optIterations(iterations).optPower(power).build();
    }

    /** The keys, their defaults and meaning; for reading JSON. */
    @JsonPOJOBuilder
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Keys {
        @JsonPropertyDescription("the vocoder: only griffin-lim is built in")
        private String type = GRIFFIN_LIM;
        @JsonPropertyDescription("Griffin-Lim iterations, 1 to 1000 (more: cleaner phase, slower)")
        private int iterations = 32;
        @JsonPropertyDescription("magnitude exponent in (0, 4]; above 1 sharpens harmonics against Griffin-Lim's hiss")
        private double power = 1.2;

        VocoderSettings build() {
            if (!GRIFFIN_LIM.equals(type)) {
                throw new InvalidInputException("vocoder type '" + type + "' is not built in (only "
                        + GRIFFIN_LIM + "); pass your vocoder to the Synthesizer instead");
            }
            return new VocoderSettings(iterations, power);
        }
    }
}
