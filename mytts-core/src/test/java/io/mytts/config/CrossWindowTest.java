package io.mytts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import org.junit.jupiter.api.Test;

class CrossWindowTest {

    @Test
    void aShareGrowsWithTheInputAndNeverReachesLessThanTwoTokens() {
        CrossWindow w = CrossWindow.share(0.2);
        assertThat(w.ahead(5)).isEqualTo(2);
        assertThat(w.ahead(30)).isEqualTo(6);
        assertThat(w.ahead(150)).isEqualTo(30);
    }

    @Test
    void aTokenWindowReachesAsFarOnEveryLength() {
        CrossWindow w = CrossWindow.tokens(3);
        assertThat(w.ahead(5)).isEqualTo(3);
        assertThat(w.ahead(150)).isEqualTo(3);
        assertThat(w.range(10, 150)).containsExactly(9, 13);
    }

    @Test
    void rangeStaysInsideTheInput() {
        assertThat(CrossWindow.tokens(3).range(0, 150)).containsExactly(0, 3);
        assertThat(CrossWindow.tokens(3).range(148, 150)).containsExactly(147, 149);
        assertThat(CrossWindow.off().range(40, 150)).containsExactly(0, 149);
    }

    @Test
    void nullShareIsNoWindow() {
        assertThat(CrossWindow.ofShare(null).isOff()).isTrue();
        assertThat(CrossWindow.ofShare(0.3)).isEqualTo(CrossWindow.share(0.3));
    }

    @Test
    void badWindowsSayWhatIsWrong() {
        assertThatThrownBy(() -> CrossWindow.share(1.5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(0, 1]").hasMessageContaining("1.5");
        assertThatThrownBy(() -> CrossWindow.tokens(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least 1 token");
        assertThatThrownBy(() -> CrossWindow.fromJson(json("{\"cross_win\": 0.2, \"cross_win_tokens\": 3}"), "decoding"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("decoding").hasMessageContaining("not both");
        assertThatThrownBy(() -> CrossWindow.fromJson(json("{\"cross_window\": 3}"), "decoding"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown key 'cross_window'")
                .hasMessageContaining("cross_win, cross_win_tokens");
        assertThatThrownBy(() -> CrossWindow.fromJson(json("{\"cross_win_tokens\": \"3\"}"), "decoding"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'cross_win_tokens' must be a whole number");
    }

    @Test
    void eachKindKeepsTodaysJson() {
        assertThat(StrictJson.toTree(CrossWindow.tokens(3))).isEqualTo(json("{\"cross_win_tokens\": 3}"));
        assertThat(StrictJson.toTree(CrossWindow.share(0.2))).isEqualTo(json("{\"cross_win\": 0.2}"));
        assertThat(StrictJson.toTree(CrossWindow.off())).isEqualTo(json("{\"cross_win\": null}"));
        for (CrossWindow w : new CrossWindow[] {CrossWindow.tokens(3), CrossWindow.share(0.2), CrossWindow.off()}) {
            assertThat(CrossWindow.fromJson(StrictJson.toTree(w), "again")).isEqualTo(w);
        }
        assertThat(CrossWindow.fromJson(json("{}"), "empty")).isInstanceOf(CrossWindow.Off.class);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        return StrictJson.parseTree(text, "test");
    }

    @Test
    void modelConfigTokensReplaceTheShare() {
        ModelConfig shared = ModelConfig.builder().build();
        assertThat(shared.crossWindow()).isEqualTo(CrossWindow.share(0.2));
        assertThat(shared.toBuilder().optCrossWinTokens(3).build().crossWindow()).isEqualTo(CrossWindow.tokens(3));
        assertThat(shared.toBuilder().optCrossWin(null).build().crossWindow().isOff()).isTrue();
    }

    @Test
    void modelConfigTokensRoundTripThroughJsonAndStayOutWhenUnset() {
        TTSConfig plain = Presets.config("tiny");
        assertThat(ConfigFiles.toJson(plain)).doesNotContain("cross_win_tokens");
        TTSConfig windowed = ConfigFiles.parse(
                "{\"model\": {\"cross_win_tokens\": 3}}", "voice.json");
        assertThat(windowed.model().crossWinTokens()).isEqualTo(3);
        assertThat(ConfigFiles.parse(ConfigFiles.toJson(windowed), "again")).isEqualTo(windowed);
    }

    @Test
    void modelConfigRejectsABadTokenCountNamingTheKey() {
        assertThatThrownBy(() -> ConfigFiles.parse("{\"model\": {\"cross_win_tokens\": 0}}", "f.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cross_win_tokens");
        assertThatThrownBy(() -> ConfigFiles.parse("{\"model\": {\"cross_win_tokens\": 2.5}}", "f.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cross_win_tokens");
    }
}
