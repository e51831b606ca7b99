package io.mytts.synth;

import io.mytts.config.CrossWindow;
import io.mytts.model.GenerationOptions;
import io.mytts.model.TransformerTTS;
import java.util.List;

/**
 * Decoding with the autoregressive {@link TransformerTTS}: KV-cached greedy generation of the batch,
 * within the request's (else the voice's) cross-attention window, each chunk given a step cap that
 * grows with its length.
 */
final class AutoregressiveDecoder implements AcousticDecoder {

    private final TransformerTTS model;
    private final CrossWindow voiceWindow;

    AutoregressiveDecoder(TransformerTTS model, CrossWindow voiceWindow) {
        this.model = model;
        this.voiceWindow = voiceWindow;
    }

    @Override
    public int maxTokens() {
        return model.config().maxLength() - 1;
    }

    @Override
    public int framesPerStep() {
        return model.config().reductionFactor();
    }

    @Override
    public Decoded decode(List<int[]> ids, SynthesisOptions options) {
        int longest = 0;
        for (int[] i : ids) {
            longest = Math.max(longest, i.length);
        }
        int cap = stepCap(longest, options);
        GenerationOptions.Builder g = GenerationOptions.builder().optMaxSteps(cap)
                .optTemperature(options.temperature()).optSeed(options.seed());
        g.optCrossWindow(options.crossWindow() != null ? options.crossWindow() : voiceWindow);
        return new Decoded(model.greedyGenerateFast(ids, g.build()), cap);
    }

    private int stepCap(int tokens, SynthesisOptions options) {
        if (options.maxSteps() != null) {
            return options.maxSteps();
        }
        int r = model.config().reductionFactor();
        long auto = (long) Math.ceil(tokens * options.framesPerToken() / r) + SynthesisOptions.EXTRA_STEPS;
        return (int) Math.min(model.config().maxLength(), auto);
    }
}
