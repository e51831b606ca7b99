package io.mytts.model;

import io.mytts.text.SymbolTable;
import io.mytts.nn.TransformerStack;
import io.mytts.nn.StackInput;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mytts.config.ModelConfig;
import io.mytts.nn.Blocks;
import io.mytts.nn.Postnet;
import io.mytts.nn.LayerNorm;
import io.mytts.nn.Linear;
import io.mytts.nn.Masks;
import io.mytts.nn.MultiHeadAttention;
import io.mytts.nn.ParameterSet;
import io.mytts.nn.Scalars;
import io.mytts.nn.SpeakerEmbedding;
import io.mytts.nn.Positions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MyTTSModel's autoregressive Transformer TTS: text tokens in, mel frames out.
 *
 * <ul>
 *   <li>Encoder: token embedding (times {@code sqrt(dModel)}), optional convolutional prenet,
 *       sinusoidal positions times a learned scale (or rotary positions inside self-attention),
 *       {@code numLayers} pre-norm layers, final layer norm.</li>
 *   <li>Decoder: mel prenet, positions as above, {@code numLayers} pre-norm layers of causal
 *       self-attention, cross-attention and feed-forward, final norm; a projection to
 *       {@code reductionFactor} frames per step, a stop head of one logit per frame, and a
 *       convolutional residual postnet.</li>
 *   <li>DropPath rates grow linearly with depth from 0 (first layer) to {@code droppathRate}
 *       (last layer), in encoder and decoder alike.</li>
 *   <li>The decoder's input at step {@code s} is the last frame of step {@code s - 1} (a zero
 *       frame at step 0), as in Tacotron with a reduction factor.</li>
 * </ul>
 *
 * <p>All parameters live in {@link #parameters()} under readable names. Ops always run on the
 * caller's arrays, so results go to the caller's (step) manager. Inference methods switch
 * PyTorch's per-thread grad mode off while they run.
 */
public final class TransformerTTS implements AutoCloseable {

    private final ModelConfig config;
    private final int vocabSize;
    private final int nMels;
    private final ParameterSet params;

    private final NDArray embedding;
    private final EncoderPrenet encoderPrenet;
    private final TransformerStack encoder;

    private final DecoderPrenet decoderPrenet;
    private final StackInput decoderInput;
    private final List<DecoderLayer> decoderLayers = new ArrayList<>();
    private final LayerNorm decoderNorm;
    private final Linear melProjection;
    private final Linear stopProjection;
    private final Postnet postnet;
    private final SpeakerEmbedding speakerEmbedding;
    private final SpeakerTable speakerTable;

    /**
     * Builds a model with fresh parameters drawn from {@code seed}, held in a sub-manager of
     * {@code manager}; {@link #close()} frees them.
     */
    public TransformerTTS(ModelConfig config, int vocabSize, int nMels, NDManager manager, long seed) {
        this(config, vocabSize, nMels, SpeakerTable.NONE, manager, seed);
    }

    /**
     * As {@link #TransformerTTS(ModelConfig, int, int, NDManager, long)}, for these speakers: with
     * more than one, a learned embedding per speaker is added to the encoder output.
     */
    public TransformerTTS(ModelConfig config, int vocabSize, int nMels, SpeakerTable speakers, NDManager manager,
            long seed) {
        if (vocabSize < 1 || nMels < 1) {
            throw new IllegalArgumentException("vocabSize and nMels must be positive, got "
                    + vocabSize + " and " + nMels);
        }
        this.config = config;
        this.vocabSize = vocabSize;
        this.nMels = nMels;
        this.params = new ParameterSet(manager, seed);
        int d = config.dModel();

        embedding = params.normal("encoder.embedding.weight", new Shape(vocabSize, d), 1 / Math.sqrt(d));
        encoderPrenet = config.encoderPrenet() ? new EncoderPrenet(params, "encoder.prenet", config) : null;
        encoder = new TransformerStack(params, "encoder", config);

        decoderPrenet = new DecoderPrenet(params, "decoder.prenet", config, nMels);
        decoderInput = new StackInput(params, "decoder", config);
        for (int i = 0; i < config.numLayers(); i++) {
            decoderLayers.add(new DecoderLayer(params, "decoder.layers." + i, config, Blocks.dropPathRate(config, i)));
        }
        decoderNorm = new LayerNorm(params, "decoder.norm", Blocks.norm(config));
        int r = config.reductionFactor();
        melProjection = new Linear(params, "decoder.mel_proj", Linear.Config.of(d, r * nMels));
        stopProjection = new Linear(params, "decoder.stop_proj", Linear.Config.of(d, r));
        postnet = new Postnet(params, "postnet", config, nMels);
        this.speakerTable = speakers;
        speakerEmbedding = SpeakerEmbedding.create(params, speakers.size(), d);
    }

    /** Speaker embedding rows: 1 for a single-speaker model (which has no embedding). */
    public int speakers() {
        return speakerTable.size();
    }

    /** The speakers by name, in embedding-row order. */
    public SpeakerTable speakerTable() {
        return speakerTable;
    }

    public ModelConfig config() {
        return config;
    }

    public int vocabSize() {
        return vocabSize;
    }

    public int nMels() {
        return nMels;
    }

    /** The parameters by name (for optimizers, checkpoints and gradient analysis). */
    public ParameterSet parameters() {
        return params;
    }

    /**
     * Scalar parameter counts: {@code total}, then by part ({@code embedding}, {@code encoder},
     * {@code decoder_prenet}, {@code decoder}, {@code output_heads}, {@code postnet}).
     */
    public Map<String, Long> parameterCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("total", params.count());
        m.put("embedding", params.count("encoder.embedding."));
        m.put("encoder", params.count("encoder.") - params.count("encoder.embedding."));
        m.put("decoder_prenet", params.count("decoder.prenet."));
        m.put("decoder", params.count("decoder.layers.") + params.count("decoder.norm.")
                + params.count("decoder.pos_alpha"));
        m.put("output_heads", params.count("decoder.mel_proj.") + params.count("decoder.stop_proj."));
        m.put("postnet", params.count("postnet."));
        return m;
    }

    /**
     * Teacher-forced pass for training and validation.
     *
     * @param tokens padded token ids {@code [batch, tokens]} (int32 or int64); every result is
     *     created in this array's manager
     * @param tokenLengths real tokens of each item
     * @param mels padded target mels {@code [batch, frames, nMels]}; frames need not be a multiple
     *     of the reduction factor (the last step is padded inside)
     * @param melLengths real frames of each item
     * @param training dropout and DropPath on (masks from PyTorch's generator)
     */
    public ForwardOutput forward(NDArray tokens, int[] tokenLengths, NDArray mels, int[] melLengths,
            boolean training) {
        return forward(tokens, tokenLengths, null, mels, melLengths, training);
    }

    /**
     * The teacher-forced pass of {@link #forward(NDArray, int[], NDArray, int[], boolean)} with
     * each item's speaker row ({@code null}: speaker 0 for all).
     */
    public ForwardOutput forward(NDArray tokens, int[] tokenLengths, int[] speakers, NDArray mels, int[] melLengths,
            boolean training) {
        Shape ts = tokens.getShape();
        Shape ms = mels.getShape();
        int batch = (int) ts.get(0);
        int frames = (int) ms.get(1);
        if (ts.dimension() != 2 || ms.dimension() != 3 || ms.get(0) != batch || ms.get(2) != nMels
                || tokenLengths.length != batch || melLengths.length != batch) {
            throw new IllegalArgumentException("expected tokens [batch, tokens], mels [batch, frames, "
                    + nMels + "] and one length per item; got tokens " + ts + ", mels " + ms
                    + ", " + tokenLengths.length + " token lengths, " + melLengths.length + " mel lengths");
        }
        int r = config.reductionFactor();
        int steps = (frames + r - 1) / r;
        config.checkLength("input of " + ts.get(1) + " tokens", ts.get(1));
        config.checkLength("target of " + steps + " decoder steps (" + frames + " frames / reduction factor " + r + ")",
                steps);
        checkTokenRange(tokens);
        NDManager m = tokens.getManager();

        NDArray encoded = encode(tokens, tokenLengths, speakers, training);
        List<MultiHeadAttention.Memory> memories = new ArrayList<>();
        for (DecoderLayer layer : decoderLayers) {
            memories.add(layer.memory(encoded));
        }
        NDArray padded = frames == steps * r ? mels
                : NDArrays.concat(new NDList(mels, m.zeros(new Shape(batch, steps * r - frames, nMels),
                        mels.getDataType())), 1);
        NDArray lastOfStep = padded.reshape(batch, steps, r, nMels).get(new NDIndex(":, :{}, {}", steps - 1, r - 1));
        NDArray inputs = NDArrays.concat(new NDList(m.zeros(new Shape(batch, 1, nMels), mels.getDataType()),
                lastOfStep), 1);

        int[] stepLengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            stepLengths[b] = (melLengths[b] + r - 1) / r;
        }
        Decoded dec = decode(inputs, 0, Masks.causal(m, stepLengths, steps), memories,
                Masks.keyPadding(m, tokenLengths, (int) ts.get(1)), training, null);
        NDArray melBefore = melProjection.forward(dec.hidden()).reshape(batch, (long) steps * r, nMels);
        NDArray stop = stopProjection.forward(dec.hidden()).reshape(batch, (long) steps * r);
        if (steps * r != frames) {
            melBefore = melBefore.get(new NDIndex(":, :{}", frames));
            stop = stop.get(new NDIndex(":, :{}", frames));
        }
        NDArray melAfter = postnet.forward(melBefore, Masks.frames(m, melLengths, frames), training);
        return new ForwardOutput(melBefore, melAfter, stop, dec.crossWeights(), stepLengths);
    }

    /**
     * Encoder output {@code [batch, tokens, dModel]} in the tokens' manager, with each item's speaker
     * embedding added (speakers null: row 0).
     */
    NDArray encode(NDArray tokens, int[] lengths, int[] speakers, boolean training) {
        NDManager m = tokens.getManager();
        int batch = (int) tokens.getShape().get(0);
        int count = (int) tokens.getShape().get(1);
        NDArray x = tokens.getNDArrayInternal().embedding(tokens, embedding, ai.djl.ndarray.types.SparseFormat.DENSE)
                .singletonOrThrow();
        // A scalar made by libtorch: DJL's mul(Number) frees its operand before the backward pass
        // reads it (docs/train.md, "Reproducibility").
        x = Scalars.mul(x, Math.sqrt(config.dModel()));
        if (encoderPrenet != null) {
            x = encoderPrenet.forward(x, Masks.frames(m, lengths, count), training);
        }
        return SpeakerEmbedding.addTo(speakerEmbedding, encoder.forward(x, lengths, training), speakers);
    }

    /**
     * Runs the decoder stack on the whole sequence {@code inputs [batch, steps, nMels]} whose first
     * step has position {@code start} (cached generation uses {@link #cachedDecoder} instead).
     */
    Decoded decode(NDArray inputs, int start, NDArray selfBias, List<MultiHeadAttention.Memory> memories,
            NDArray crossBias, boolean training, NDArray[] prenetMasks) {
        StackInput.Prepared in = decoderInput.prepare(decoderPrenet.forward(inputs, training, prenetMasks), start,
                training);
        NDArray x = in.x();
        Positions.Rotary rotary = in.rotary();
        List<NDArray> weights = new ArrayList<>();
        for (int i = 0; i < decoderLayers.size(); i++) {
            DecoderLayer.Output out = decoderLayers.get(i).forward(x, selfBias, rotary, memories.get(i), crossBias,
                    training);
            x = out.x();
            weights.add(out.crossWeights());
        }
        return new Decoded(decoderNorm.forward(x), weights);
    }

    /** Mel frames {@code [batch, steps·r, nMels]} and stop logits {@code [batch, steps·r]} of decoder states. */
    NDArray[] project(NDArray hidden) {
        Shape s = hidden.getShape();
        long frames = s.get(1) * config.reductionFactor();
        return new NDArray[] {
            melProjection.forward(hidden).reshape(s.get(0), frames, nMels),
            stopProjection.forward(hidden).reshape(s.get(0), frames)
        };
    }

    /**
     * The decoder for step-by-step generation of {@code batch} items for up to {@code capacity}
     * steps, its caches and fused weights in {@code generation}.
     */
    CachedDecoder cachedDecoder(NDManager generation, int batch, int capacity,
            List<MultiHeadAttention.Memory> memories) {
        return new CachedDecoder(generation, batch, capacity, decoderPrenet, decoderInput,
                decoderLayers, memories, decoderNorm, melProjection, stopProjection);
    }

    NDArray postnet(NDArray mel, NDArray mask) {
        return postnet.forward(mel, mask, false);
    }

    List<DecoderLayer> decoderLayers() {
        return decoderLayers;
    }

    DecoderPrenet decoderPrenet() {
        return decoderPrenet;
    }

    private void checkTokenRange(NDArray tokens) {
        if (tokens.getShape().size() == 0) {
            return;
        }
        SymbolTable.checkId(tokens.min().toType(DataType.INT64, false).getLong(), vocabSize);
        SymbolTable.checkId(tokens.max().toType(DataType.INT64, false).getLong(), vocabSize);
    }

    /**
     * Fast greedy generation with key/value caches (MyTTSModel's {@code greedy_generate_fast}).
     *
     * @param encIds token ids of one text
     */
    public GenerationResult greedyGenerateFast(int[] encIds, GenerationOptions options) {
        return greedyGenerateFast(List.of(encIds), options).get(0);
    }

    /** As {@link #greedyGenerateFast(int[], GenerationOptions)}, spoken by speaker row {@code speaker}. */
    public GenerationResult greedyGenerateFast(int[] encIds, int speaker, GenerationOptions options) {
        return generate(List.of(GenerationInput.of(encIds, options).withSpeaker(speaker)), options).get(0);
    }

    /**
     * Generates several texts at once; each stops on its own. With the same seed, each item gets
     * the same random draws it would get alone, so a batched result matches a single one up to
     * float rounding.
     */
    public List<GenerationResult> greedyGenerateFast(List<int[]> texts, GenerationOptions options) {
        return generate(inputs(texts, options), options);
    }

    /**
     * Generates several items at once, each with its own seed, extra noise and last spoken token
     * (beam search: the hypotheses of one sentence are items of one batch, each with its own caches).
     * {@link #greedyGenerateFast(List, GenerationOptions)} is this with {@link GenerationInput#of}.
     */
    public List<GenerationResult> generate(List<GenerationInput> inputs, GenerationOptions options) {
        return new Generation(this, options, true).run(inputs);
    }

    /**
     * Reference generation without caches: every step reruns the decoder over all steps so far.
     * Slow (quadratic); for tests and benchmarks.
     */
    public List<GenerationResult> generateUncached(List<int[]> texts, GenerationOptions options) {
        return new Generation(this, options, false).run(inputs(texts, options));
    }

    private static List<GenerationInput> inputs(List<int[]> texts, GenerationOptions options) {
        return texts.stream().map(t -> GenerationInput.of(t, options)).toList();
    }

    /**
     * Whether generation with these options draws prenet dropout masks at inference, so that two
     * seeds give two different decodings (beam search diversifies with it).
     */
    public boolean drawsDropoutAtInference(GenerationOptions options) {
        return options.inferencePrenetDropout(config) && decoderPrenet.hasDropout();
    }

    @Override
    public void close() {
        params.close();
    }

    record Decoded(NDArray hidden, List<NDArray> crossWeights) {}
}
