package io.mytts.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run needs in one file: {@code {"model": {...}, "audio": {...}, "train": {...}}}.
 * A missing section takes its defaults; a file that holds only a model config's keys (as
 * MyTTSModel's {@code ModelConfig} dataclass was saved) is read as the model section.
 */
public record TTSConfig(ModelConfig model, AudioConfig audio, TrainConfig train) {

    public TTSConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(train, "train");
    }

    public TTSConfig withModel(ModelConfig m) {
        return new TTSConfig(m, audio, train);
    }

    public TTSConfig withTrain(TrainConfig t) {
        return new TTSConfig(model, audio, t);
    }

    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.toJsonMap());
        m.put("audio", audio.toJsonMap());
        m.put("train", train.toJsonMap());
        return m;
    }

    public static TTSConfig fromJson(JsonNode node) {
        boolean sectioned = node != null && node.isObject()
                && (node.has("model") || node.has("audio") || node.has("train"));
        if (!sectioned) {
            return new TTSConfig(ModelConfig.fromJson(node), AudioConfig.DEFAULT,
                    TrainConfig.builder().build());
        }
        JsonObjectReader r = new JsonObjectReader(node, "config");
        JsonNode model = r.getObject("model");
        JsonNode audio = r.getObject("audio");
        JsonNode train = r.getObject("train");
        r.rejectUnknownKeys();
        return new TTSConfig(
                model == null ? ModelConfig.builder().build() : ModelConfig.fromJson(model),
                audio == null ? AudioConfig.DEFAULT : AudioConfig.fromJson(audio),
                train == null ? TrainConfig.builder().build() : TrainConfig.fromJson(train));
    }
}
