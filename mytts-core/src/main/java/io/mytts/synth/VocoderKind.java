package io.mytts.synth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mytts.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Which vocoder turns a voice's mels into audio; JSON and the command line spell them in lower case. */
public enum VocoderKind {
    /** Fast Griffin-Lim: no training, available to every voice. */
    GRIFFIN_LIM("griffin-lim"),
    /** The neural vocoder a voice carries ({@link io.mytts.vocoder.NeuralVocoder}). */
    NEURAL("neural");

    private final String name;

    VocoderKind(String name) {
        this.name = name;
    }

    @JsonValue
    public String jsonName() {
        return name;
    }

    /** The kind spelled {@code name}; an unknown spelling is an error listing the known ones. */
    @JsonCreator
    public static VocoderKind of(String name) {
        for (VocoderKind k : values()) {
            if (k.name.equals(name)) {
                return k;
            }
        }
        throw new InvalidInputException("unknown vocoder '" + name + "'; known: "
                + Arrays.stream(values()).map(VocoderKind::jsonName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return name;
    }
}
