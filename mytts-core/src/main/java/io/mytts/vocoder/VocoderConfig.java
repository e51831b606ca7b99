package io.mytts.vocoder;

import com.fasterxml.jackson.databind.JsonNode;
import io.mytts.InvalidInputException;
import io.mytts.config.AudioConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Architecture of a Vocos-style vocoder and the audio convention it was trained for. The audio
 * section travels with the weights so that a mel of another convention is refused, not garbled.
 *
 * @param audio the mel convention of the input and the sample rate of the output
 * @param dim channels of the ConvNeXt backbone
 * @param intermediateDim hidden width of each block's pointwise feed-forward
 * @param layers ConvNeXt blocks
 * @param kernelSize depthwise convolution width in frames (odd)
 */
public record VocoderConfig(
        AudioConfig audio,
        int dim,
        int intermediateDim,
        int layers,
        int kernelSize) {

    /** Sized for one CPU thread: about 3.4 M parameters, a real-time factor near 0.02. */
    public static VocoderConfig cpu(AudioConfig audio) {
        return new VocoderConfig(audio, 256, 768, 8, 7);
    }

    /** A few thousand parameters, for tests. */
    public static VocoderConfig tiny(AudioConfig audio) {
        return new VocoderConfig(audio, 16, 32, 2, 3);
    }

    public VocoderConfig {
        List<String> problems = new java.util.ArrayList<>();
        if (audio == null) {
            problems.add("audio is missing");
        } else if (audio.nFft() % audio.hopLength() != 0) {
            problems.add("n_fft (" + audio.nFft() + ") must be a multiple of hop_length (" + audio.hopLength() + ")");
        }
        if (dim < 1) {
            problems.add("dim must be positive, got " + dim);
        }
        if (intermediateDim < 1) {
            problems.add("intermediate_dim must be positive, got " + intermediateDim);
        }
        if (layers < 1) {
            problems.add("layers must be positive, got " + layers);
        }
        if (kernelSize < 1 || kernelSize % 2 == 0) {
            problems.add("kernel_size must be odd and positive, got " + kernelSize);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("vocoder config: " + String.join("; ", problems));
        }
    }

    private static final Set<String> KEYS = Set.of("audio", "dim", "intermediate_dim", "layers", "kernel_size");

    /** The JSON object of {@code vocoder.json}'s {@code config} section. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("audio", audio.toJsonMap());
        m.put("dim", dim);
        m.put("intermediate_dim", intermediateDim);
        m.put("layers", layers);
        m.put("kernel_size", kernelSize);
        return m;
    }

    /** Reads {@link #toJsonMap}'s form; every key is required and a wrong type names the key. */
    public static VocoderConfig fromJson(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(source + ": the vocoder config must be a JSON object");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new InvalidInputException(source + ": unknown vocoder config key '" + k + "'; known keys: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
        });
        try {
            return new VocoderConfig(AudioConfig.fromJson(node.get("audio")), wholeNumber(node, "dim", source),
                    wholeNumber(node, "intermediate_dim", source), wholeNumber(node, "layers", source),
                    wholeNumber(node, "kernel_size", source));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": " + e.getMessage());
        }
    }

    private static int wholeNumber(JsonNode node, String key, String source) {
        JsonNode v = node.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidInputException(source + ": vocoder config key '" + key + "' must be a whole number, got "
                    + (v == null ? "nothing" : v.toString()));
        }
        return v.intValue();
    }
}
