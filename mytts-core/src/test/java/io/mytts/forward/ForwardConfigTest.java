package io.mytts.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.config.ConfigFiles;
import io.mytts.config.ConfigKeys;
import io.mytts.config.ForwardAlignment;
import io.mytts.config.ForwardConfig;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config file's {@code forward} section: declared once, absent from older files and autoregressive runs. */
class ForwardConfigTest {

    @Test
    void theForwardPresetsRoundTripWithTheirSection() {
        for (String name : List.of("forward-tiny", "forward-small")) {
            TTSConfig c = Presets.config(name);
            assertThat(c.forward()).isNotNull();
            String json = ConfigFiles.toJson(c);
            assertThat(json).contains("\"forward\"").contains("\"variance_channels\"");
            assertThat(ConfigFiles.parse(json, name)).isEqualTo(c);
        }
        assertThat(Presets.config("forward-small").forward().varianceChannels()).isEqualTo(192);
        assertThat(Presets.config("forward-small").model().dModel()).isEqualTo(192);
    }

    @Test
    void autoregressiveConfigsHaveNoForwardSection() {
        for (String name : List.of("tiny", "small", "normal", "large")) {
            TTSConfig c = Presets.config(name);
            assertThat(c.forward()).isNull();
            assertThat(ConfigFiles.toJson(c)).doesNotContain("forward");
            assertThat(c.forwardOrDefault()).isEqualTo(ForwardConfig.DEFAULT);
        }
    }

    @Test
    void aPartialSectionTakesTheDefaultsAndMergesOntoAPreset() {
        TTSConfig c = ConfigFiles.parseOnto(Presets.config("tiny"), "{\"forward\": {\"variance_kernel\": 5}}", "test");
        assertThat(c.forward()).isEqualTo(ForwardConfig.builder().optVarianceKernel(5).build());
        TTSConfig onto = ConfigFiles.parseOnto(Presets.config("forward-small"),
                "{\"forward\": {\"pitch_loss_weight\": 0.5}}", "test");
        assertThat(onto.forward().pitchLossWeight()).isEqualTo(0.5);
        assertThat(onto.forward().varianceChannels()).isEqualTo(192);
    }

    @Test
    void theAlignmentIsTheTeachersUnlessAsked() {
        assertThat(ForwardConfig.DEFAULT.alignment()).isEqualTo(ForwardAlignment.TEACHER);
        // An older forward section, without the key, reads as the teacher's alignment.
        TTSConfig old = ConfigFiles.parseOnto(Presets.config("forward-tiny"), "{\"forward\": {\"variance_kernel\": 5}}",
                "old.json");
        assertThat(old.forward().alignment()).isEqualTo(ForwardAlignment.TEACHER);
        TTSConfig learned = ConfigFiles.parseOnto(Presets.config("forward-tiny"),
                "{\"forward\": {\"alignment\": \"learned\", \"alignment_loss_weight\": 0.5}}", "new.json");
        assertThat(learned.forward().alignment()).isEqualTo(ForwardAlignment.LEARNED);
        assertThat(learned.forward().alignmentLossWeight()).isEqualTo(0.5);
        String json = ConfigFiles.toJson(learned);
        assertThat(json).contains("\"alignment\" : \"learned\"");
        assertThat(ConfigFiles.parse(json, "round.json")).isEqualTo(learned);
        assertThatThrownBy(() -> ConfigFiles.parse("{\"forward\": {\"alignment\": \"attention\"}}", "f.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("alignment");
    }

    @Test
    void badKeysAndValuesAreNamed() {
        assertThatThrownBy(() -> ConfigFiles.parse("{\"forward\": {\"variance_chanels\": 5}}", "f.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("variance_chanels")
                .hasMessageContaining("variance_channels");
        assertThatThrownBy(() -> ConfigFiles.parse("{\"forward\": {\"variance_kernel\": 4}}", "f.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("variance_kernel");
        assertThatThrownBy(() -> ConfigFiles.parse("{\"forward\": {\"duration_loss_weight\": \"high\"}}", "f.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("duration_loss_weight");
    }

    @Test
    void describeListsTheForwardKeys() {
        List<ConfigKeys.Key> keys = ConfigKeys.describe(Presets.config("tiny"));
        List<String> forward = keys.stream().filter(k -> k.section().equals("forward")).map(ConfigKeys.Key::name).toList();
        assertThat(forward).contains("variance_channels", "variance_kernel", "variance_dropout", "embedding_kernel",
                "duration_loss_weight", "pitch_loss_weight", "energy_loss_weight", "alignment", "alignment_loss_weight");
        assertThat(keys.stream().filter(k -> k.name().equals("variance_channels")).findFirst().orElseThrow()
                .value().asInt()).isEqualTo(256);
    }
}
