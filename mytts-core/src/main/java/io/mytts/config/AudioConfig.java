package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Map;

/**
 * The audio front end: sample rate, STFT and mel settings. Defaults are the HiFi-GAN / LJ Speech
 * convention of {@code shared/data/reference/README.md}, so mels fit public vocoders.
 *
 * <p>Each key is declared once, as a field of {@link Builder}: its JSON name (the field's name in
 * snake_case), type, default and description; {@code mytts config show --describe} lists them.
 */
@JsonDeserialize(builder = AudioConfig.Builder.class)
public record AudioConfig(
        int sampleRate, int nFft, int hopLength, int winLength, int nMels,
        double fMin, double fMax, double logFloor) {

    /** The reference convention: 22050 Hz, n_fft 1024, hop 256, 80 Slaney mels from 0 to 8000 Hz. */
    public static final AudioConfig DEFAULT = new Builder().build();

    public AudioConfig {
        Validation v = new Validation("audio config");
        v.positive("sample_rate", sampleRate);
        v.positive("n_fft", nFft);
        v.positive("hop_length", hopLength);
        v.positive("win_length", winLength);
        v.positive("n_mels", nMels);
        if (winLength > nFft) {
            v.fail("win_length (" + winLength + ") must be at most n_fft (" + nFft + ")");
        }
        if (hopLength > winLength) {
            v.fail("hop_length (" + hopLength + ") must be at most win_length (" + winLength + ")");
        }
        if (!(fMin >= 0) || !(fMax > fMin) || fMax > sampleRate / 2.0) {
            v.fail("need 0 <= f_min < f_max <= sample_rate / 2, got f_min " + fMin + ", f_max " + fMax
                    + ", sample_rate " + sampleRate);
        }
        v.positive("log_floor", logFloor);
        v.throwIfFailed();
    }

    /** Frequency bins of one STFT frame: {@code nFft / 2 + 1}. */
    public int nFreqs() {
        return nFft / 2 + 1;
    }

    /** Seconds of audio per mel frame. */
    public double frameSeconds() {
        return hopLength / (double) sampleRate;
    }

    /** The JSON object, keys in snake_case, in declaration order. */
    public Map<String, Object> toJsonMap() {
        return StrictJson.toMap(this);
    }

    /** Reads an audio config; absent keys take the reference convention, unknown keys and wrong types are errors. */
    public static AudioConfig fromJson(JsonNode node) {
        return StrictJson.convert(node, AudioConfig.class, "audio config");
    }

    /** The keys, their defaults (the reference convention) and meaning; for reading JSON. */
    @JsonPOJOBuilder
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Builder {
        @JsonPropertyDescription("samples per second of the model's audio")
        private int sampleRate = 22050;
        @JsonPropertyDescription("FFT size")
        private int nFft = 1024;
        @JsonPropertyDescription("samples between frames")
        private int hopLength = 256;
        @JsonPropertyDescription("periodic Hann window length, at most n_fft")
        private int winLength = 1024;
        @JsonPropertyDescription("mel bands")
        private int nMels = 80;
        @JsonPropertyDescription("lowest mel frequency in Hz")
        private double fMin = 0;
        @JsonPropertyDescription("highest mel frequency in Hz, at most half the sample rate")
        private double fMax = 8000;
        @JsonPropertyDescription("magnitudes are clamped to this before the natural log")
        private double logFloor = 1e-5;

        AudioConfig build() {
            return new AudioConfig(sampleRate, nFft, hopLength, winLength, nMels, fMin, fMax, logFloor);
        }
    }
}
