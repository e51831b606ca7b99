package io.mytts.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.config.CrossWindow;
import io.mytts.config.ModelConfig;
import io.mytts.model.GenerationOptions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rungs a repair climbs: other seeds, the text-aware stop, a window; none that changes nothing. */
class RepairLadderTest {

    private static final ModelConfig CONFIG = TinyVoices.config();

    static Stream<Arguments> requests() {
        CrossWindow off = CrossWindow.off();
        CrossWindow three = CrossWindow.tokens(3);
        CrossWindow two = CrossWindow.tokens(2);
        CrossWindow share = CrossWindow.share(0.2);
        return Stream.of(
                // request's stop, request's window, voice's window, the windows of the rungs (null: no such rung)
                Arguments.of(false, off, three, List.of(off, off, three)),
                Arguments.of(false, off, off, List.of(off, off, three)),
                Arguments.of(false, off, two, List.of(off, off, two)),
                Arguments.of(false, share, share, List.of(share, share, three)),
                Arguments.of(true, off, three, List.of(off, three)),
                Arguments.of(false, three, three, List.of(three, three)),
                Arguments.of(true, three, three, List.of(three)));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void eachRungKeepsWhatTheOneBelowTurnedOnAndAddsOneThing(boolean textAware, CrossWindow window,
            CrossWindow voiceWindow, List<CrossWindow> windows) {
        GenerationOptions first = GenerationOptions.builder().optMaxSteps(37).optSeed(5).optTemperature(1.1)
                .optStopThreshold(0.4).optCrossWindow(window).optTextAwareStop(textAware).build();
        List<RepairLadder.Rung> rungs = RepairLadder.above(first, CONFIG, voiceWindow);

        assertThat(rungs).extracting(r -> r.generation().crossWindow(CONFIG)).containsExactlyElementsOf(windows);
        assertThat(rungs.get(0).name()).isEqualTo("other seeds");
        assertThat(rungs.get(0).generation()).isSameAs(first);
        for (int i = 1; i < rungs.size(); i++) {
            GenerationOptions g = rungs.get(i).generation();
            assertThat(g.textAwareStop()).isTrue();
            assertThat(g.maxSteps()).isEqualTo(37);
            assertThat(g.seed()).isEqualTo(5);
            assertThat(g.temperature()).isEqualTo(1.1);
            assertThat(g.stopThreshold()).isEqualTo(0.4);
            assertThat(g.inferencePrenetDropout(CONFIG)).isEqualTo(first.inferencePrenetDropout(CONFIG));
        }
        if (!textAware) {
            assertThat(rungs.get(1).name()).isEqualTo("the text-aware stop");
        }
        assertThat(rungs.get(rungs.size() - 1).name().contains("window")).isEqualTo(!(window instanceof CrossWindow.Tokens));
        // Attempts past the top stay on it.
        assertThat(RepairLadder.rung(rungs, 1)).isSameAs(rungs.get(0));
        assertThat(RepairLadder.rung(rungs, 9)).isSameAs(rungs.get(rungs.size() - 1));
    }
}
