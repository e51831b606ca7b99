package io.mytts.synth;

import io.mytts.align.FailureCriteria;
import io.mytts.forward.ForwardControls;
import io.mytts.forward.ForwardResult;
import io.mytts.forward.ForwardTTS;
import io.mytts.model.GenerationResult;
import io.mytts.ssml.Style;
import io.mytts.text.SymbolTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoding with a forward {@link ForwardTTS}: the whole batch in one parallel pass (one pass per
 * distinct speed and pitch when the chunks' styles differ; each row spoken by its chunk's speaker),
 * at the request's speed times each style's rate and the request's pitch plus each style's pitch.
 * A result's alignment is the hard one from the predicted durations, one row per frame with a 1 at
 * the token it speaks, so that word times come straight from the durations; its stop probability is 1 at the last frame.
 */
final class ForwardDecoder implements AcousticDecoder {

    private final ForwardTTS model;
    private final SymbolTable symbols;
    private final FailureCriteria criteria;

    ForwardDecoder(ForwardTTS model, SymbolTable symbols, FailureCriteria criteria) {
        this.model = model;
        this.symbols = symbols;
        this.criteria = criteria;
    }

    @Override
    public int maxTokens() {
        return model.config().maxLength();
    }

    @Override
    public int framesPerStep() {
        return 1;
    }

    @Override
    public boolean controlsProsody() {
        return true;
    }

    @Override
    public Decoded decode(List<Input> chunks, SynthesisOptions options) {
        Map<ForwardControls, List<Integer>> groups = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        String ignored = ignoredDecodingOptions(options);
        if (ignored != null) {
            warnings.add(ignored);
        }
        for (int i = 0; i < chunks.size(); i++) {
            Style style = chunks.get(i).style();
            ForwardControls c = controls(options, style);
            if (c.speed() != options.speed() * style.rate()
                    || c.pitchSemitones() != options.pitchSemitones() + style.pitchSemitones()) {
                warnings.add(String.format(java.util.Locale.ROOT, "speed %.2f and pitch %+.1f semitones (the request's"
                        + " with the text's prosody) are beyond a forward voice's range; spoken at speed %.2f and"
                        + " pitch %+.1f", options.speed() * style.rate(), options.pitchSemitones() + style.pitchSemitones(),
                        c.speed(), c.pitchSemitones()));
            }
            groups.computeIfAbsent(c, k -> new ArrayList<>()).add(i);
        }
        DecodedSentence[] results = new DecodedSentence[chunks.size()];
        for (Map.Entry<ForwardControls, List<Integer>> g : groups.entrySet()) {
            List<Input> group = g.getValue().stream().map(chunks::get).toList();
            // One pass per controls; the speakers differ row by row within it.
            List<ForwardResult> made = model.generate(group.stream().map(Input::ids).toList(),
                    group.stream().mapToInt(Input::speaker).toArray(), g.getKey());
            for (int k = 0; k < made.size(); k++) {
                int i = g.getValue().get(k);
                // Scored like any decoding: a word whose tokens got no frame is a skip the detectors see.
                results[i] = DecodedSentence.scored(group.get(k).ids(), asGeneration(made.get(k)), symbols, 1, criteria);
            }
        }
        return new Decoded(List.of(results), model.config().maxLength(), warnings);
    }

    /**
     * What the request asks for that only autoregressive decoding does (beam search, repair, the
     * text-aware stop: a forward model makes every frame in one pass from its durations, with no
     * attention to repair), as one warning; null when it asks for none of it. The request's
     * warnings say it once.
     */
    static String ignoredDecodingOptions(SynthesisOptions options) {
        List<String> asked = new ArrayList<>();
        if (options.beam() > 1) {
            asked.add("--beam " + options.beam());
        }
        if (options.repair() > 0) {
            asked.add("--repair " + options.repair());
        }
        if (options.textAwareStop()) {
            asked.add("--text-aware-stop");
        }
        return asked.isEmpty() ? null : String.join(", ", asked) + " ignored: a forward voice speaks each sentence in"
                + " one pass from its durations, with no attention to search or repair (they are for"
                + " autoregressive voices)";
    }

    /**
     * The controls of a chunk: the request's speed times the style's rate, the request's pitch plus
     * the style's, held within what the model allows (the decoded batch's warnings say when they
     * were not).
     */
    static ForwardControls controls(SynthesisOptions options, Style style) {
        double speed = options.speed() * style.rate();
        double pitch = options.pitchSemitones() + style.pitchSemitones();
        return new ForwardControls(Math.max(ForwardControls.MIN_SPEED, Math.min(ForwardControls.MAX_SPEED, speed)),
                Math.max(-ForwardControls.MAX_PITCH_SEMITONES, Math.min(ForwardControls.MAX_PITCH_SEMITONES, pitch)));
    }

    /**
     * A forward result in the synthesizer's terms: the mel (a forward model keeps no mel before its
     * postnet, so both mels are the final one), the hard alignment from the durations and a stop at
     * the last frame.
     */
    static GenerationResult asGeneration(ForwardResult r) {
        int[] durations = r.durations();
        int frames = r.frames();
        float[][] alignment = new float[frames][durations.length];
        int t = 0;
        for (int token = 0; token < durations.length; token++) {
            for (int k = 0; k < durations[token]; k++) {
                alignment[t++][token] = 1f;
            }
        }
        float[] stops = new float[frames];
        if (frames > 0) {
            stops[frames - 1] = 1f;
        }
        return new GenerationResult(r.mel(), r.mel(), stops, alignment, true);
    }
}
