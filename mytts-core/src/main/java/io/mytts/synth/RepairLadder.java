package io.mytts.synth;

import io.mytts.config.CrossWindow;
import io.mytts.config.ModelConfig;
import io.mytts.model.GenerationOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * How a sentence whose decoding failed is decoded again, attempt by attempt
 * ({@link SynthesisOptions#repair()}): each attempt climbs one rung, and attempts past the top stay
 * on it with new seeds. The rungs, each keeping what the one below it turned on:
 * <ol>
 *   <li><b>other seeds</b>: new hypotheses of the same decoding (other prenet dropout masks, or
 *       fed-back noise);</li>
 *   <li><b>the text-aware stop</b> ({@link SynthesisOptions#textAwareStop()}), unless the request
 *       has it already: no repeat and no early stop, but with no window it may leap over words;</li>
 *   <li><b>a cross-attention window</b>, the last resort, unless the request decodes with a window of
 *       a few tokens already: the voice's own if it has one of tokens, else
 *       {@value #WINDOW_TOKENS} tokens ahead, which keeps those leaps short.</li>
 * </ol>
 * A rung that would change nothing is left out, so with the bundled voice's settings (a 3-token
 * window) the ladder is other seeds, then the text-aware stop.
 */
final class RepairLadder {

    /** Tokens ahead of the last-resort window where the voice has no window of tokens (the bundled voice's). */
    static final int WINDOW_TOKENS = 3;

    /** One rung: what it is called in a repair's report, and the decoding it runs. */
    record Rung(String name, GenerationOptions generation) {}

    private RepairLadder() {}

    /**
     * The rungs above {@code first}, the request's decoding.
     *
     * @param voiceWindow the voice's own window (a request may have turned it off)
     */
    static List<Rung> above(GenerationOptions first, ModelConfig config, CrossWindow voiceWindow) {
        List<Rung> rungs = new ArrayList<>();
        rungs.add(new Rung("other seeds", first));
        CrossWindow window = first.crossWindow(config);
        if (!first.textAwareStop()) {
            rungs.add(new Rung("the text-aware stop", variant(first, config, true, window)));
        }
        if (!(window instanceof CrossWindow.Tokens)) {
            CrossWindow narrow = voiceWindow instanceof CrossWindow.Tokens ? voiceWindow
                    : CrossWindow.tokens(WINDOW_TOKENS);
            rungs.add(new Rung("the text-aware stop in a cross-attention window of " + narrow,
                    variant(first, config, true, narrow)));
        }
        return List.copyOf(rungs);
    }

    /** The rung of attempt {@code attempt} (from 1). */
    static Rung rung(List<Rung> rungs, int attempt) {
        return rungs.get(Math.min(attempt, rungs.size()) - 1);
    }

    /** {@code g} with this stop and window, everything else as it is. */
    private static GenerationOptions variant(GenerationOptions g, ModelConfig config, boolean textAwareStop,
            CrossWindow window) {
        return GenerationOptions.builder().optMaxSteps(g.maxSteps()).optTemperature(g.temperature()).optSeed(g.seed())
                .optStopThreshold(g.stopThreshold()).optMinSteps(g.minSteps())
                .optInferencePrenetDropout(g.inferencePrenetDropout(config)).optCrossWindow(window)
                .optTextAwareStop(textAwareStop).build();
    }
}
