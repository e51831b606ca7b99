package io.mytts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTest {

    @Test
    void normalPresetIsTheOriginalModel() {
        ModelConfig m = Presets.get("normal");
        assertThat(m.numLayers()).isEqualTo(8);
        assertThat(m.dModel()).isEqualTo(512);
        assertThat(m.numHeads()).isEqualTo(8);
        assertThat(m.dff()).isEqualTo(2048);
        assertThat(m.dropoutRate()).isEqualTo(0.1);
        assertThat(m.droppathRate()).isEqualTo(0.05);
        assertThat(m.usePrenet()).isTrue();
        assertThat(m.prenetDrop()).isEqualTo(0.5);
        assertThat(m.crossWin()).isEqualTo(0.2);
        assertThat(m.maxLength()).isEqualTo(4096);
        assertThat(m.activation()).isEqualTo(Activation.GELU);
        assertThat(m.posEncodingType()).isEqualTo(PositionEncoding.SINUSOIDAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "small", "normal", "large"})
    void everyPresetRoundTripsThroughJson(String name) {
        TTSConfig c = Presets.config(name);
        assertThat(ConfigFiles.parse(ConfigFiles.toJson(c), name)).isEqualTo(c);
    }

    @Test
    void unknownPresetListsTheChoices() {
        assertThatThrownBy(() -> Presets.get("huge"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("huge").hasMessageContaining("tiny, small, normal, large");
    }

    @Test
    void oldModelConfigGetsTheDefaultsThatKeepItsBehaviour() throws IOException {
        // A model config as MyTTSModel's ModelConfig dataclass saved it, before activation,
        // pos_encoding_type and this implementation's keys existed.
        String json;
        try (InputStream in = getClass().getResourceAsStream("/golden/config-v0-model-only.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TTSConfig c = ConfigFiles.parse(json, "golden");
        assertThat(c.model().activation()).isEqualTo(Activation.GELU);
        assertThat(c.model().posEncodingType()).isEqualTo(PositionEncoding.SINUSOIDAL);
        assertThat(c.model().reductionFactor()).isEqualTo(1);
        assertThat(c.model().encoderPrenet()).isFalse();
        assertThat(c.model().numLayers()).isEqualTo(6);
        assertThat(c.model().crossWin()).isNull();
        assertThat(c.audio()).isEqualTo(AudioConfig.DEFAULT);
    }

    @Test
    void unknownKeyIsNamed() {
        assertThatThrownBy(() -> ConfigFiles.parse("{\"model\": {\"num_layer\": 4}}", "f.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key 'num_layer'")
                .hasMessageContaining("num_layers");
        assertThatThrownBy(() -> ConfigFiles.parse("{\"model\": {}, \"optimizer\": {}}", "f.json"))
                .hasMessageContaining("unknown key 'optimizer'");
    }

    @Test
    void wrongTypeIsNamed() {
        assertThatThrownBy(() -> ConfigFiles.parse("{\"d_model\": \"big\"}", "f.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'d_model'").hasMessageContaining("whole number");
        assertThatThrownBy(() -> ConfigFiles.parse("{\"activation\": \"relu\"}", "f.json"))
                .hasMessageContaining("gelu, swiglu");
        assertThatThrownBy(() -> ConfigFiles.parse("{not json", "f.json"))
                .hasMessageContaining("not valid JSON");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"d_model\": 250, \"num_heads\": 4}                                  | divisible by num_heads",
        "{\"d_model\": 24, \"num_heads\": 8, \"pos_encoding_type\": \"rope\"}  | even head size",
        "{\"dropout_rate\": 1.0}                                               | dropout_rate must be in [0, 1)",
        "{\"droppath_rate\": -0.1}                                             | droppath_rate must be in [0, 1)",
        "{\"prenet_drop\": 1.5}                                                | prenet_drop must be in [0, 1)",
        "{\"num_layers\": 0}                                                   | num_layers must be positive",
        "{\"dff\": -1}                                                         | dff must be positive",
        "{\"max_length\": 0}                                                   | max_length must be positive",
        "{\"cross_win\": 0}                                                    | cross_win must be in (0, 1]",
        "{\"postnet_kernel\": 4}                                               | postnet_kernel must be a positive odd",
        "{\"reduction_factor\": 12}                                            | reduction_factor must be at most 8",
    })
    void invalidModelValuesAreExplained(String json, String message) {
        assertThatThrownBy(() -> ConfigFiles.parse(json, "f.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThatThrownBy(() -> ModelConfig.builder().setNumLayers(0).setDff(0).build())
                .hasMessageContaining("num_layers").hasMessageContaining("dff");
    }

    @Test
    void crossWinNullTurnsTheWindowOff() {
        TTSConfig c = ConfigFiles.parse("{\"cross_win\": null}", "f.json");
        assertThat(c.model().crossWin()).isNull();
        assertThat(ConfigFiles.toJson(c)).contains("\"cross_win\" : null");
    }

    @Test
    void swigluHiddenSizeIsTwoThirds() {
        ModelConfig m = Presets.get("normal").toBuilder().optActivation(Activation.SWIGLU).build();
        assertThat(m.ffnHidden()).isEqualTo(1365);
        assertThat(Presets.get("normal").ffnHidden()).isEqualTo(2048);
    }

    @Test
    void invalidAudioAndTrainValuesAreExplained() {
        assertThatThrownBy(() -> ConfigFiles.parse("{\"audio\": {\"f_max\": 20000}}", "f.json"))
                .hasMessageContaining("f_max");
        assertThatThrownBy(() -> ConfigFiles.parse("{\"train\": {\"clip_mode\": \"norm\"}}", "f.json"))
                .hasMessageContaining("global, per_layer, percentile, none");
        assertThatThrownBy(() -> ConfigFiles.parse("{\"train\": {\"adam_beta2\": 1.0}}", "f.json"))
                .hasMessageContaining("adam_beta2");
    }

    @Test
    void guidedAttentionWeightHalvesOnSchedule() {
        TrainConfig t = TrainConfig.builder().optGuidedAttnWeight(2.0).optGuidedAttnDecaySteps(100).build();
        assertThat(t.guidedAttnWeightAt(0)).isEqualTo(2.0);
        assertThat(t.guidedAttnWeightAt(100)).isEqualTo(1.0);
        assertThat(t.guidedAttnWeightAt(200)).isEqualTo(0.5);
    }

    @Test
    void aConfigOfFormatOneReadsAndIsWrittenAsItWas() throws Exception {
        String golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/config-v1-tiny.json")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TTSConfig tiny = Presets.config("tiny");
        TTSConfig expected = tiny.withModel(tiny.model().toBuilder().optCrossWinTokens(3).build());
        TTSConfig read = ConfigFiles.parse(golden, "golden");
        assertThat(read).isEqualTo(expected);
        assertThat(ConfigFiles.toJson(read)).isEqualTo(golden);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"train\": {\"max_steps\": \"lots\"}}          | f.json: 'train.max_steps' must be a whole number, not \"lots\"",
        "{\"train\": {\"learning_rate\": \"1e-3\"}}      | f.json: 'train.learning_rate' must be a number, not \"1e-3\"",
        "{\"model\": {\"use_prenet\": 1}}                 | f.json: 'model.use_prenet' must be true or false, not 1",
        "{\"model\": {\"num_layers\": 2.5}}               | f.json: 'model.num_layers' must be a whole number, not 2.5",
        "{\"model\": {\"d_model\": null}}                 | f.json: 'model.d_model' must be a whole number, not null",
        "{\"train\": {\"guided_attn_layers\": [1, \"x\"]}} | f.json: 'train.guided_attn_layers[1]' must be a whole number, not \"x\"",
        "{\"audio\": []}                                  | f.json: 'audio' must be a JSON object, not a list",
        "{\"audio\": {\"n_mel\": 80}}                      | f.json: unknown key 'n_mel' in audio; known keys: f_max, f_min, hop_length, log_floor, n_fft, n_mels",
    })
    void aWrongTypeNamesTheFileTheKeyAndTheExpectedType(String json, String message) {
        assertThatThrownBy(() -> ConfigFiles.parse(json, "f.json")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void everyProblemOfAFileIsListedAtOnce() {
        assertThatThrownBy(() -> ConfigFiles.parse("{\"model\": {\"num_layers\": 0, \"dff\": 0}}", "f.json"))
                .hasMessageStartingWith("f.json: model: invalid model config:")
                .hasMessageContaining("num_layers must be positive").hasMessageContaining("dff must be positive");
    }

    @Test
    void aFileMergedOntoAPresetChangesOnlyTheKeysItSets() {
        TTSConfig small = Presets.config("small");
        TTSConfig merged = ConfigFiles.parseOnto(small, "{\"train\": {\"learning_rate\": 0.0005}}", "o.json");
        assertThat(merged).isEqualTo(small.withTrain(small.train().toBuilder().optLearningRate(5e-4).build()));
        // A file of model keys alone is the model section, as MyTTSModel saved its ModelConfig.
        TTSConfig bare = ConfigFiles.parseOnto(small, "{\"cross_win_tokens\": 3}", "o.json");
        assertThat(bare.model()).isEqualTo(small.model().toBuilder().optCrossWinTokens(3).build());
        assertThat(bare.train()).isEqualTo(small.train());
        assertThatThrownBy(() -> ConfigFiles.parseOnto(small, "{\"train\": {\"max_step\": 5}}", "o.json"))
                .hasMessageContaining("o.json: unknown key 'max_step' in train");
        assertThatThrownBy(() -> ConfigFiles.parseOnto(small, "{\"model\": {}, \"optimizer\": {}}", "o.json"))
                .hasMessageContaining("unknown key 'optimizer'").hasMessageContaining("audio, forward, model, train");
        assertThatThrownBy(() -> ConfigFiles.parseOnto(small, "[1]", "o.json")).hasMessageContaining("not a JSON object");
    }

    @Test
    void everyKeyIsDescribedWhereItIsDeclared() {
        TTSConfig tiny = Presets.config("tiny");
        // Describing a config without a forward section lists that section's defaults.
        var written = StrictJson.toTree(tiny.withModel(tiny.model().toBuilder().optCrossWinTokens(3).build())
                .withForward(tiny.forwardOrDefault()));
        java.util.List<String> keys = new java.util.ArrayList<>();
        written.fields().forEachRemaining(section -> section.getValue().fieldNames()
                .forEachRemaining(k -> keys.add(section.getKey() + "." + k)));
        var described = ConfigKeys.describe(tiny);
        assertThat(described).extracting(k -> k.section() + "." + k.name()).containsExactlyElementsOf(keys);
        assertThat(described).allSatisfy(k -> assertThat(k.description()).isNotBlank());
        assertThat(described).filteredOn(k -> k.name().equals("activation")).singleElement()
                .satisfies(k -> assertThat(k.type()).isEqualTo("one of: gelu, swiglu"));
    }
}
