package io.mytts.synth;

import io.mytts.align.DecodingFailures;
import io.mytts.align.DecodingScore;
import io.mytts.align.FailureCriteria;
import io.mytts.model.GenerationInput;
import io.mytts.model.GenerationOptions;
import io.mytts.model.GenerationResult;
import io.mytts.model.TransformerTTS;
import io.mytts.text.SymbolTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoding strategy of a request: greedy decoding, beam search and alignment repair, on top of
 * the model's batched generation ({@link TransformerTTS#generate}).
 *
 * <p><b>Beam search</b> ({@link SynthesisOptions#beam()} = K): each sentence of a batch becomes K
 * items of one generation, each with its own key/value caches. Hypothesis 0 is exactly the greedy
 * decoding (the request's seed, no extra noise), so beam 1 is greedy decoding. Hypothesis k > 0
 * has its own seed ({@link #hypothesisSeed}); on a model that keeps its prenet dropout at inference
 * (as MyTTSModel's do) the seed alone gives it other dropout masks, otherwise it also gets
 * fed-back noise of {@value #DIVERSITY_NOISE} (temperature 1.2). Each hypothesis is scored on its
 * word-level alignment ({@link DecodingScore}); the best wins, hypothesis 0 on a tie.
 *
 * <p><b>Alignment repair</b> ({@link SynthesisOptions#repair()} = N): a sentence whose chosen
 * decoding has any failure is decoded again as {@value #REPAIR_HYPOTHESES} (or K, if more) new
 * hypotheses, up to N times, until one is free of failures; each attempt escalates one rung of the
 * {@link RepairLadder} (other seeds, then the text-aware stop, then a cross-attention window), and the
 * best of all hypotheses is spoken. The failing sentences of a batch are decoded again together, the
 * others not at all.
 *
 * <p>All of it is deterministic for a seed: every hypothesis of a sentence has its own seed.
 */
final class SentenceDecoder {

    /** New hypotheses in each repair attempt (the beam width, if larger). */
    static final int REPAIR_HYPOTHESES = 4;
    /** Fed-back noise of a diversified hypothesis on a model with no prenet dropout at inference. */
    static final double DIVERSITY_NOISE = 0.2;

    private final TransformerTTS model;
    private final SymbolTable symbols;
    private final SynthesisOptions options;
    private final GenerationOptions generation;
    private final List<RepairLadder.Rung> ladder;
    private final FailureCriteria criteria;
    private final double diversityNoise;

    /** A decoder whose repairs climb to the last-resort window of {@link RepairLadder#WINDOW_TOKENS} tokens. */
    SentenceDecoder(TransformerTTS model, SymbolTable symbols, SynthesisOptions options, GenerationOptions generation,
            FailureCriteria criteria) {
        this(model, symbols, options, generation, criteria, generation.crossWindow(model.config()));
    }

    /**
     * @param generation the request's decoding (the first one, and the bottom of the repair ladder)
     * @param voiceWindow the voice's own cross-attention window, the repair ladder's last resort
     */
    SentenceDecoder(TransformerTTS model, SymbolTable symbols, SynthesisOptions options, GenerationOptions generation,
            FailureCriteria criteria, io.mytts.config.CrossWindow voiceWindow) {
        this.model = model;
        this.symbols = symbols;
        this.options = options;
        this.generation = generation;
        this.ladder = RepairLadder.above(generation, model.config(), voiceWindow);
        this.criteria = criteria;
        this.diversityNoise = model.drawsDropoutAtInference(generation) ? 0 : DIVERSITY_NOISE;
    }

    /** Decodes the sentences (token ids, end-of-sequence included), in order, by speaker 0. */
    List<DecodedSentence> decode(List<int[]> sentences) {
        return decode(sentences, new int[sentences.size()]);
    }

    /** Decodes the sentences, each spoken by its speaker row, in order. */
    List<DecodedSentence> decode(List<int[]> sentences, int[] speakers) {
        int beam = options.beam();
        List<DecodedSentence> best = choose(sentences, generate(sentences, speakers, 0, beam, generation), beam);
        if (options.repair() == 0) {
            return best;
        }
        List<DecodingFailures> before = best.stream().map(DecodedSentence::failures).toList();
        int[] attempts = new int[sentences.size()];
        String[] spokenFrom = new String[sentences.size()];
        int width = Math.max(beam, REPAIR_HYPOTHESES);
        for (int attempt = 1; attempt <= options.repair(); attempt++) {
            List<Integer> failing = new ArrayList<>();
            for (int i = 0; i < best.size(); i++) {
                if (best.get(i).failures().any()) {
                    failing.add(i);
                }
            }
            if (failing.isEmpty()) {
                break;
            }
            List<int[]> again = failing.stream().map(sentences::get).toList();
            int[] againSpeakers = failing.stream().mapToInt(i -> speakers[i]).toArray();
            int first = beam + (attempt - 1) * width; // hypothesis numbers not used before
            RepairLadder.Rung rung = RepairLadder.rung(ladder, attempt);
            List<DecodedSentence> retried = choose(again, generate(again, againSpeakers, first, width,
                    rung.generation()), width);
            for (int j = 0; j < failing.size(); j++) {
                int i = failing.get(j);
                attempts[i] = attempt;
                DecodedSentence candidate = retried.get(j);
                if (DecodingScore.BEST_FIRST.compare(candidate.score(), best.get(i).score()) < 0) {
                    best.set(i, candidate);
                    spokenFrom[i] = rung.name();
                }
            }
        }
        List<DecodedSentence> out = new ArrayList<>();
        for (int i = 0; i < best.size(); i++) {
            DecodedSentence d = best.get(i);
            Repair repair = attempts[i] == 0 ? null
                    : new Repair(before.get(i), attempts[i], attempts[i] * width, !d.failures().any(),
                            spokenFrom[i] != null ? spokenFrom[i] : Repair.FIRST_DECODING);
            out.add(repair == null ? d : d.withRepair(repair));
        }
        return out;
    }

    /** Hypotheses {@code first .. first + width - 1} of every sentence, as one batch. */
    private List<GenerationResult> generate(List<int[]> sentences, int[] speakers, int first, int width,
            GenerationOptions generation) {
        List<GenerationInput> inputs = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            int[] ids = sentences.get(i);
            int last = lastSpokenToken(ids);
            for (int k = first; k < first + width; k++) {
                inputs.add(new GenerationInput(ids, hypothesisSeed(generation.seed(), k), k == 0 ? 0 : diversityNoise,
                        last, speakers[i]));
            }
        }
        return model.generate(inputs, generation);
    }

    /** The best hypothesis of each sentence; {@code results} holds {@code width} of each, in order. */
    private List<DecodedSentence> choose(List<int[]> sentences, List<GenerationResult> results, int width) {
        List<DecodedSentence> out = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            DecodedSentence best = null;
            for (int k = 0; k < width; k++) {
                DecodedSentence d = score(sentences.get(i), results.get(i * width + k));
                if (best == null || DecodingScore.BEST_FIRST.compare(d.score(), best.score()) < 0) {
                    best = d;
                }
            }
            out.add(best);
        }
        return out;
    }

    private DecodedSentence score(int[] ids, GenerationResult result) {
        return DecodedSentence.scored(ids, result, symbols, model.config().reductionFactor(), criteria);
    }

    /** The seed of hypothesis {@code k}: the request's own for 0, a distinct one for each other. */
    static long hypothesisSeed(long seed, int k) {
        return k == 0 ? seed : seed + k * 0x9E3779B97F4A7C15L; // the golden-ratio step of SplittableRandom
    }

    /** The last token that is a letter or digit (punctuation and end-of-sequence need not be reached). */
    int lastSpokenToken(int[] ids) {
        for (int i = ids.length - 1; i >= 0; i--) {
            if (ids[i] == symbols.padId() || ids[i] == symbols.eosId()) {
                continue;
            }
            String s = symbols.symbol(ids[i]);
            if (!s.isEmpty() && Character.isLetterOrDigit(s.codePointAt(0))) {
                return i;
            }
        }
        return Math.max(0, ids.length - 1);
    }
}
