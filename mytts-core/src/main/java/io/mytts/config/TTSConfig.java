package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.mytts.InvalidInputException;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run needs in one file: {@code {"model": {...}, "audio": {...}, "train": {...}}},
 * and for a forward model its {@code "forward": {...}} section ({@link ForwardConfig}), which
 * autoregressive configs and older files lack. A missing section takes its defaults (the forward
 * section stays unset, and is left out when writing); a file that holds only a model config's keys
 * (as MyTTSModel's {@code ModelConfig} dataclass was saved) is read as the model section.
 *
 * @param forward the forward model's own keys, or null when the file has none
 */
@JsonDeserialize(builder = TTSConfig.Sections.class)
public record TTSConfig(ModelConfig model, AudioConfig audio, TrainConfig train,
        @JsonInclude(JsonInclude.Include.NON_NULL) ForwardConfig forward) {

    public TTSConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(train, "train");
    }

    /** A config without a forward section. */
    public TTSConfig(ModelConfig model, AudioConfig audio, TrainConfig train) {
        this(model, audio, train, null);
    }

    public TTSConfig withModel(ModelConfig m) {
        return new TTSConfig(m, audio, train, forward);
    }

    public TTSConfig withTrain(TrainConfig t) {
        return new TTSConfig(model, audio, t, forward);
    }

    public TTSConfig withForward(ForwardConfig f) {
        return new TTSConfig(model, audio, train, f);
    }

    /** The forward section, or its defaults when the file has none. */
    public ForwardConfig forwardOrDefault() {
        return forward == null ? ForwardConfig.DEFAULT : forward;
    }

    public Map<String, Object> toJsonMap() {
        return StrictJson.toMap(this);
    }

    /** Reads a whole config, or a bare model config as MyTTSModel saved it. */
    public static TTSConfig fromJson(JsonNode node) {
        return fromJson(node, "config");
    }

    /** As {@link #fromJson(JsonNode)}; {@code source} names the file in errors. */
    static TTSConfig fromJson(JsonNode node, String source) {
        if (isBareModel(node)) {
            return new TTSConfig(StrictJson.convert(node, ModelConfig.class, source), AudioConfig.DEFAULT,
                    TrainConfig.builder().build());
        }
        return StrictJson.convert(node, TTSConfig.class, source);
    }

    /** A JSON object with none of the three sections: a model config's keys alone. */
    static boolean isBareModel(JsonNode node) {
        return node != null && node.isObject() && !(node.has("model") || node.has("audio") || node.has("train")
                || node.has("forward"));
    }

    /** The three sections, each defaulting when absent; for reading JSON. */
    @JsonPOJOBuilder
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Sections {
        @JsonPropertyDescription("the model's architecture")
        private ModelConfig model = ModelConfig.builder().build();
        @JsonPropertyDescription("sample rate, STFT and mel settings")
        private AudioConfig audio = AudioConfig.DEFAULT;
        @JsonPropertyDescription("optimiser, schedule, losses, batching and bookkeeping")
        private TrainConfig train = TrainConfig.builder().build();
        @JsonPropertyDescription("a forward model's variance adaptor and variance losses")
        private ForwardConfig forward;

        TTSConfig build() {
            if (model == null || audio == null || train == null) {
                throw new InvalidInputException("a section is null; leave it out to take its defaults, or give an object");
            }
            return new TTSConfig(model, audio, train, forward);
        }
    }
}
