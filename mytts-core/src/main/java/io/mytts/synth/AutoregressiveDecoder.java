package io.mytts.synth;

import io.mytts.align.FailureCriteria;
import io.mytts.config.CrossWindow;
import io.mytts.model.GenerationOptions;
import io.mytts.model.TransformerTTS;
import io.mytts.text.SymbolTable;
import java.util.List;

/**
 * Decoding with the autoregressive {@link TransformerTTS}: KV-cached generation of the batch, greedy
 * or with beam search and repair ({@link SentenceDecoder}), within the request's (else the
 * voice's) cross-attention window, each chunk given a step cap that grows with its length.
 */
final class AutoregressiveDecoder implements AcousticDecoder {

    private final TransformerTTS model;
    private final CrossWindow voiceWindow;
    private final SymbolTable symbols;
    private final FailureCriteria criteria;

    AutoregressiveDecoder(TransformerTTS model, CrossWindow voiceWindow, SymbolTable symbols,
            FailureCriteria criteria) {
        this.model = model;
        this.voiceWindow = voiceWindow;
        this.symbols = symbols;
        this.criteria = criteria;
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
    public Decoded decode(List<Input> chunks, SynthesisOptions options) {
        List<int[]> ids = chunks.stream().map(Input::ids).toList();
        int[] speakers = chunks.stream().mapToInt(Input::speaker).toArray();
        int longest = 0;
        for (int[] i : ids) {
            longest = Math.max(longest, i.length);
        }
        int cap = stepCap(longest, options);
        GenerationOptions.Builder g = GenerationOptions.builder().optMaxSteps(cap)
                .optTemperature(options.temperature()).optSeed(options.seed())
                .optTextAwareStop(options.textAwareStop());
        g.optCrossWindow(options.crossWindow() != null ? options.crossWindow() : voiceWindow);
        return new Decoded(new SentenceDecoder(model, symbols, options, g.build(), criteria, voiceWindow)
                .decode(ids, speakers), cap);
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
