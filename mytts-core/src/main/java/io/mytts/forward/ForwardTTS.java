package io.mytts.forward;

import io.mytts.text.SymbolTable;
import io.mytts.nn.TransformerStack;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.jni.JniUtils;
import io.mytts.InvalidInputException;
import io.mytts.config.ForwardAlignment;
import io.mytts.config.ForwardConfig;
import io.mytts.config.ModelConfig;
import io.mytts.data.ProsodyStore;
import io.mytts.model.Checkpoint;
import io.mytts.model.SpeakerTable;
import io.mytts.model.ModelKind;
import io.mytts.nn.Conv1d;
import io.mytts.nn.Linear;
import io.mytts.nn.Masks;
import io.mytts.nn.ParameterSet;
import io.mytts.nn.Postnet;
import io.mytts.nn.Scalars;
import io.mytts.nn.SpeakerEmbedding;
import io.mytts.train.PaddedBatch;
import io.mytts.train.TrainBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A forward (FastSpeech2-style) text-to-speech model: text tokens in, all mel frames in one pass.
 *
 * <ul>
 *   <li>Encoder: token embedding (times {@code sqrt(dModel)}), sinusoidal positions times a learned
 *       scale or rotary positions, {@code numLayers} pre-norm Transformer layers, final norm; as the
 *       autoregressive model's encoder, under the same parameter names.</li>
 *   <li>Variance adaptor: duration, pitch and energy predictors ({@link VariancePredictor}) on the
 *       encoder states. Durations are predicted as {@code log(1 + frames)}; pitch and energy as the
 *       per-token z-scores of {@link io.mytts.data.TokenProsody}. Pitch and energy enter the states
 *       through a convolution of the per-token value each (as FastPitch): the targets in training,
 *       the predictions at inference, the pitch shifted by {@link ForwardControls#pitchSemitones()}.</li>
 *   <li>Length regulator: each token's state repeated for its frames ({@link LengthRegulator}), plus
 *       where each frame lies in its token ({@link TokenPositions}).</li>
 *   <li>Decoder: positions over frames, {@code numLayers} Transformer layers, final norm, a linear
 *       layer to the mel, and the residual convolutional postnet.</li>
 * </ul>
 *
 * <p>With {@code "alignment": "learned"} ({@link ForwardConfig#alignment()}) it also has an alignment
 * prior ({@code aligner.mean}, a linear layer from the encoder states to a mel mean per token,
 * Glow-TTS's), which training uses to find durations itself ({@link LearnedAlignment}); inference
 * does not use it.
 *
 * <p>Padded tokens and frames are masked everywhere. The model keeps the statistics each speaker's
 * pitch was normalised with (one set per speaker row), so that a shift in semitones means the same
 * as for that speaker's data ({@link #pitchShift(int, double)}).
 */
public final class ForwardTTS implements AutoCloseable {

    /** The most frames one decoder position makes. */
    static final int MAX_FRAMES_PER_POSITION = 4;

    private final ModelConfig config;
    private final ForwardConfig forward;
    private final int vocabSize;
    private final int nMels;
    /** The statistics of each speaker row's pitch and energy, in {@link #speakerTable} order. */
    private final List<ProsodyStore.SpeakerStats> speakerStats;
    private final ParameterSet params;

    private final NDArray embedding;
    private final TransformerStack encoder;
    private final VariancePredictor durationPredictor;
    private final VariancePredictor pitchPredictor;
    private final VariancePredictor energyPredictor;
    private final Conv1d pitchEmbedding;
    private final Conv1d energyEmbedding;
    private final TransformerStack decoder;
    private final TokenPositions tokenPositions;
    private final Linear melProjection;
    private final Postnet postnet;
    private final Linear alignerMean;
    private final SpeakerEmbedding speakerEmbedding;
    private final SpeakerTable speakerTable;

    /**
     * A model with fresh parameters drawn from {@code seed}, held in a sub-manager of {@code manager};
     * {@link #close()} frees them.
     *
     * @param speakerStats the statistics of the training data's pitch and energy
     */
    public ForwardTTS(ModelConfig config, ForwardConfig forward, int vocabSize, int nMels,
            ProsodyStore.SpeakerStats speakerStats, NDManager manager, long seed) {
        this(config, forward, vocabSize, nMels, SpeakerTable.NONE, speakerStats, manager, seed);
    }

    /**
     * A model of {@code speakers} speakers whose pitch and energy were all normalised with the same
     * {@code speakerStats}.
     */
    public ForwardTTS(ModelConfig config, ForwardConfig forward, int vocabSize, int nMels, SpeakerTable speakers,
            ProsodyStore.SpeakerStats speakerStats, NDManager manager, long seed) {
        this(config, forward, vocabSize, nMels, speakers,
                Collections.nCopies(speakers.size(), Objects.requireNonNull(speakerStats, "speakerStats")), manager,
                seed);
    }

    /**
     * A model of {@code speakers} speakers: with more than one, a learned embedding per speaker is
     * added to the encoder states (before the variance predictors, so durations and pitch follow it).
     *
     * @param speakerStats the statistics each speaker's pitch and energy were normalised with, one per
     *     speaker row in {@code speakers} order
     */
    public ForwardTTS(ModelConfig config, ForwardConfig forward, int vocabSize, int nMels, SpeakerTable speakers,
            List<ProsodyStore.SpeakerStats> speakerStats, NDManager manager, long seed) {
        if (speakerStats.size() != speakers.size()) {
            throw new IllegalArgumentException("a model of " + speakers.size() + " speaker row(s) needs statistics for"
                    + " each, got " + speakerStats.size());
        }
        if (vocabSize < 1 || nMels < 1) {
            throw new IllegalArgumentException("vocabSize and nMels must be positive, got " + vocabSize + " and " + nMels);
        }
        if (config.reductionFactor() > MAX_FRAMES_PER_POSITION) {
            throw new InvalidInputException("a forward model's decoder positions make reduction_factor frames each,"
                    + " at most " + MAX_FRAMES_PER_POSITION + ", not " + config.reductionFactor());
        }
        this.config = config;
        this.forward = Objects.requireNonNull(forward, "forward");
        this.vocabSize = vocabSize;
        this.nMels = nMels;
        this.speakerStats = List.copyOf(speakerStats);
        this.params = new ParameterSet(manager, seed);
        int d = config.dModel();

        embedding = params.normal("encoder.embedding.weight", new Shape(vocabSize, d), 1 / Math.sqrt(d));
        encoder = new TransformerStack(params, "encoder", config);

        durationPredictor = new VariancePredictor(params, "variance.duration", d, forward);
        pitchPredictor = new VariancePredictor(params, "variance.pitch", d, forward);
        energyPredictor = new VariancePredictor(params, "variance.energy", d, forward);
        Conv1d.Config embed = Conv1d.builder().setChannels(1, d).setKernel(forward.embeddingKernel()).build();
        pitchEmbedding = new Conv1d(params, "variance.pitch_embedding", embed);
        energyEmbedding = new Conv1d(params, "variance.energy_embedding", embed);

        decoder = new TransformerStack(params, "decoder", config);
        tokenPositions = new TokenPositions(params, d);
        melProjection = new Linear(params, "decoder.mel_proj", Linear.Config.of(d, config.reductionFactor() * nMels));
        postnet = new Postnet(params, "postnet", config, nMels);
        // Last but the speaker embedding, so that the other parameters draw the same values as in a model without it.
        alignerMean = forward.alignment() == ForwardAlignment.LEARNED
                ? new Linear(params, "aligner.mean", Linear.Config.of(d, nMels)) : null;
        this.speakerTable = speakers;
        speakerEmbedding = SpeakerEmbedding.create(params, speakers.size(), d);
    }

    /** The model a forward checkpoint holds; its arrays live in a sub-manager of {@code manager}. */
    public static ForwardTTS fromCheckpoint(Checkpoint checkpoint, NDManager manager) {
        if (checkpoint.kind() != ModelKind.FORWARD) {
            throw new InvalidInputException("the checkpoint holds an " + checkpoint.kind()
                    + " model, not a forward one");
        }
        if (checkpoint.speakerStats().isEmpty()) {
            throw new InvalidInputException("the forward checkpoint has no speaker_stats (the statistics its pitch"
                    + " was normalised with); it is damaged");
        }
        ForwardTTS model = new ForwardTTS(checkpoint.config(), checkpoint.forwardConfig(), checkpoint.vocabSize(),
                checkpoint.nMels(), checkpoint.speakers(), checkpoint.speakerStats(), manager, 0);
        try {
            checkpoint.copyParametersInto(model.parameters());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** A checkpoint writer of this model: its config, forward section, speaker statistics and parameters. */
    public Checkpoint.Writer checkpointWriter() {
        return Checkpoint.writer(config, vocabSize, nMels, params).optForward(forward, speakerStats)
                .optSpeakers(speakerTable);
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

    public ForwardConfig forwardConfig() {
        return forward;
    }

    public int vocabSize() {
        return vocabSize;
    }

    public int nMels() {
        return nMels;
    }

    /** The statistics of each speaker row's pitch and energy, in {@link #speakerTable()} order. */
    public List<ProsodyStore.SpeakerStats> speakerStats() {
        return speakerStats;
    }

    /** The statistics speaker row {@code speaker}'s pitch and energy were normalised with. */
    public ProsodyStore.SpeakerStats speakerStats(int speaker) {
        return speakerStats.get(checkSpeaker(speaker));
    }

    /**
     * The change of speaker row {@code speaker}'s normalised pitch that raises its F0 by
     * {@code semitones}: with that speaker's own log-F0 deviation, as its pitch was normalised.
     */
    public double pitchShift(int speaker, double semitones) {
        return speakerStats(speaker).pitchShift(semitones);
    }

    /** Each row's {@link #pitchShift(int, double)}, {@code [batch, 1]} (rows: speaker 0 when null). */
    private NDArray pitchShifts(NDManager manager, int[] speakers, int batch, double semitones) {
        float[] shifts = new float[batch];
        for (int b = 0; b < batch; b++) {
            shifts[b] = (float) pitchShift(speakers == null ? 0 : speakers[b], semitones);
        }
        return manager.create(shifts, new Shape(batch, 1));
    }

    private int checkSpeaker(int speaker) {
        if (speaker < 0 || speaker >= speakers()) {
            throw new InvalidInputException("speaker index " + speaker + " is outside the model's " + speakers()
                    + " speaker(s)");
        }
        return speaker;
    }

    /** The parameters by name (for optimizers, checkpoints and gradient analysis). */
    public ParameterSet parameters() {
        return params;
    }

    /**
     * Scalar parameter counts: {@code total}, then by part ({@code embedding}, {@code encoder},
     * {@code variance_adaptor}, {@code decoder}, {@code postnet}, and {@code aligner} when it has one).
     */
    public Map<String, Long> parameterCounts() {
        long embedding = params.count("encoder.embedding.");
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("total", params.count());
        m.put("embedding", embedding);
        m.put("encoder", params.count("encoder.") - embedding);
        m.put("variance_adaptor", params.count("variance."));
        m.put("decoder", params.count("decoder."));
        m.put("postnet", params.count("postnet."));
        if (alignerMean != null) {
            m.put("aligner", params.count("aligner."));
        }
        return m;
    }

    /**
     * A training or validation pass with the teacher's durations, pitch and energy.
     *
     * @param logDurations predicted {@code log(1 + frames)} per token, {@code [batch, tokens]}
     * @param pitch predicted normalised pitch per token
     * @param energy predicted normalised energy per token
     * @param melBefore the decoder's mel {@code [batch, frames, nMels]}
     * @param melAfter after the postnet
     */
    public record Output(NDArray logDurations, NDArray pitch, NDArray energy, NDArray melBefore, NDArray melAfter) {}

    /**
     * The pass with teacher durations, pitch and energy; every result lives in the manager of
     * {@code tokens}.
     *
     * @param tokens padded token ids {@code [batch, tokens]}
     * @param tokenLengths real tokens per row
     * @param durations frames per real token of each row
     * @param pitch target normalised pitch {@code [batch, tokens]}, 0 on padding
     * @param energy target normalised energy {@code [batch, tokens]}, 0 on padding
     * @param frames padded frame count of the output, at least every row's total duration
     */
    public Output forward(NDArray tokens, int[] tokenLengths, int[][] durations, NDArray pitch, NDArray energy,
            int frames, boolean training) {
        return forward(tokens, tokenLengths, null, durations, pitch, energy, frames, training);
    }

    /** As {@link #forward(NDArray, int[], int[][], NDArray, NDArray, int, boolean)} with each row's speaker (null: 0). */
    public Output forward(NDArray tokens, int[] tokenLengths, int[] speakers, int[][] durations, NDArray pitch,
            NDArray energy, int frames, boolean training) {
        return adaptAndDecode(encodeAndPredict(tokens, tokenLengths, speakers, training), durations, pitch, energy,
                frames, training);
    }

    /**
     * The pass with the teacher's durations, pitch and energy of a batch, laid into {@code m}'s tensors
     * as training lays them ({@link ForwardTrainee}); the batch's mels are not read. What an acoustic
     * model's mels of recorded utterances are made with ({@code mytts vocoder mels}); no dropout.
     */
    public Output teacherForced(NDManager m, ForwardBatch batch) {
        if (!batch.aligned()) {
            throw new IllegalArgumentException("teacher forcing needs the batch's durations");
        }
        TrainBatch b = batch.batch();
        NDArray tokens = PaddedBatch.tokens(m, b);
        int width = (int) tokens.getShape().get(1);
        int frames = Arrays.stream(b.melLengths()).max().orElse(0);
        return forward(tokens, b.tokenLengths(), b.speakers(), batch.realDurations(), batch.pitch(m, width),
                batch.energy(m, width), frames, false);
    }

    /**
     * The first half of a training pass: encoder states {@code [batch, tokens, dModel]} (0 on
     * padding), the token mask {@code [batch, tokens, 1]} and the variance predictions.
     */
    record Encoded(NDArray states, NDArray mask, Variances variances) {}

    /**
     * Encodes padded {@code tokens}, each row by its speaker ({@code null}: 0), and predicts their
     * variances; results in the manager of {@code tokens}.
     */
    Encoded encodeAndPredict(NDArray tokens, int[] tokenLengths, int[] speakers, boolean training) {
        int count = (int) tokens.getShape().get(1);
        config.checkLength("input of " + count + " tokens", count);
        NDArray mask = Masks.frames(tokens.getManager(), tokenLengths, count);
        NDArray encoded = encode(tokens, tokenLengths, speakers, mask, training);
        return new Encoded(encoded, mask, predict(encoded, mask, training));
    }

    /** The second half: the states adapted by {@code pitch} and {@code energy}, regulated, decoded. */
    Output adaptAndDecode(Encoded e, int[][] durations, NDArray pitch, NDArray energy, int frames,
            boolean training) {
        config.checkLength("output of " + frames + " frames", frames);
        NDArray adapted = e.states().add(embed(pitchEmbedding, pitch, e.mask()))
                .add(embed(energyEmbedding, energy, e.mask()));
        NDArray[] mel = decode(regulate(adapted, durations, frames), LengthRegulator.totals(durations), training);
        Variances v = e.variances();
        return new Output(v.logDurations(), v.pitch(), v.energy(), mel[0], mel[1]);
    }

    /**
     * The alignment prior's mel mean per token, {@code [batch, tokens, nMels]}, 0 on padding.
     *
     * @throws IllegalStateException when the model has no prior (its alignment is the teacher's)
     */
    NDArray alignmentMeans(Encoded e) {
        if (alignerMean == null) {
            throw new IllegalStateException("this forward model trains on a teacher's durations and has no"
                    + " alignment prior; set \"alignment\": \"learned\" in its forward config");
        }
        return alignerMean.forward(e.states()).mul(e.mask());
    }

    /**
     * Speaks each text in one batched pass with predicted durations, pitch and energy, gradients
     * off, in a manager of its own that is closed before it returns.
     *
     * @param texts token ids of each text (at least one token each)
     */
    public List<ForwardResult> generate(List<int[]> texts, ForwardControls controls) {
        return generate(texts, null, controls);
    }

    /**
     * As {@link #generate(List, ForwardControls)}, each text spoken by its speaker row.
     *
     * @param speakers one speaker row per text; null: speaker 0 for all
     */
    public List<ForwardResult> generate(List<int[]> texts, int[] speakers, ForwardControls controls) {
        Objects.requireNonNull(controls, "controls");
        if (texts.isEmpty()) {
            return List.of();
        }
        int batch = texts.size();
        int[] lengths = new int[batch];
        int count = 1;
        for (int b = 0; b < batch; b++) {
            int[] t = texts.get(b);
            if (t.length == 0) {
                throw new InvalidInputException("text " + (b + 1) + " of " + batch + " has no tokens; give some text");
            }
            SymbolTable.checkIds(t, vocabSize);
            lengths[b] = t.length;
            count = Math.max(count, t.length);
        }
        config.checkLength("input of " + count + " tokens", count);
        if (speakers != null) {
            if (speakers.length != batch) {
                throw new IllegalArgumentException(speakers.length + " speaker rows for " + batch + " texts");
            }
            for (int sp : speakers) {
                checkSpeaker(sp);
            }
        }
        long[] ids = new long[batch * count];
        for (int b = 0; b < batch; b++) {
            for (int n = 0; n < lengths[b]; n++) {
                ids[b * count + n] = texts.get(b)[n];
            }
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = params.getManager().getParentManager().newSubManager()) {
            NDArray mask = Masks.frames(m, lengths, count);
            NDArray encoded = encode(m.create(ids, new Shape(batch, count)), lengths, speakers, mask, false);
            Variances v = predict(encoded, mask, false);
            int[][] durations = durations(v.logDurations(), lengths, controls.speed());
            int[] totals = LengthRegulator.totals(durations);
            int frames = 0;
            for (int t : totals) {
                frames = Math.max(frames, t);
            }
            config.checkLength("output of " + frames + " frames", frames);
            // Each row by its own speaker's deviation: a semitone is a different z-score for each speaker.
            NDArray shifts = pitchShifts(m, speakers, batch, controls.pitchSemitones()).toType(v.pitch().getDataType(), false);
            NDArray pitch = v.pitch().add(shifts).mul(mask.squeeze(2));
            NDArray adapted = encoded.add(embed(pitchEmbedding, pitch, mask)).add(embed(energyEmbedding, v.energy(), mask));
            NDArray mel = decode(regulate(adapted, durations, frames), totals, false)[1];
            float[] flat = mel.toType(DataType.FLOAT32, false).toFloatArray();
            List<ForwardResult> out = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                float[][] rows = new float[totals[b]][nMels];
                for (int t = 0; t < totals[b]; t++) {
                    System.arraycopy(flat, (b * frames + t) * nMels, rows[t], 0, nMels);
                }
                out.add(new ForwardResult(rows, durations[b]));
            }
            return out;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Whole frames per real token from predicted {@code log(1 + frames)}, divided by {@code speed}. */
    private static int[][] durations(NDArray logDurations, int[] lengths, double speed) {
        int count = (int) logDurations.getShape().get(1);
        float[] log = logDurations.toType(DataType.FLOAT32, false).toFloatArray();
        int[][] out = new int[lengths.length][];
        for (int b = 0; b < lengths.length; b++) {
            double[] frames = new double[lengths[b]];
            for (int n = 0; n < frames.length; n++) {
                frames[n] = Math.expm1(log[b * count + n]);
            }
            out[b] = LengthRegulator.round(frames, speed);
        }
        return out;
    }

    /** Encoder states {@code [batch, tokens, dModel]}, 0 on padded tokens. */
    private NDArray encode(NDArray tokens, int[] lengths, int[] speakers, NDArray mask, boolean training) {
        NDManager m = tokens.getManager();
        int count = (int) tokens.getShape().get(1);
        NDArray x = tokens.getNDArrayInternal().embedding(tokens, embedding, SparseFormat.DENSE).singletonOrThrow();
        // A libtorch scalar: DJL's mul(Number) frees its operand before backward (docs/train.md).
        x = Scalars.mul(x, Math.sqrt(config.dModel()));
        return SpeakerEmbedding.addTo(speakerEmbedding, encoder.forward(x, lengths, training), speakers).mul(mask);
    }

    record Variances(NDArray logDurations, NDArray pitch, NDArray energy) {}

    private Variances predict(NDArray encoded, NDArray mask, boolean training) {
        return new Variances(durationPredictor.forward(encoded, mask, training),
                pitchPredictor.forward(encoded, mask, training), energyPredictor.forward(encoded, mask, training));
    }

    /** A per-token value {@code [batch, tokens]} as states {@code [batch, tokens, dModel]}, 0 on padding. */
    private static NDArray embed(Conv1d conv, NDArray value, NDArray mask) {
        return conv.forward(value.expandDims(1)).transpose(0, 2, 1).mul(mask);
    }

    /** The token states for their frames ({@link LengthRegulator}), each told where it lies in its token. */
    private NDArray regulate(NDArray tokenStates, int[][] durations, int frames) {
        return tokenPositions.addTo(LengthRegulator.expand(tokenStates, durations, frames), durations);
    }

    /**
     * The mel before and after the postnet, {@code [batch, frames, nMels]}, of regulated states. With
     * a reduction factor r the decoder runs over groups of r frames (their states averaged) and
     * projects each position to r frames: the decoder's attention and feed-forward cost a third
     * at r = 3, which is most of a training step; the postnet still sees every frame.
     */
    private NDArray[] decode(NDArray states, int[] frameLengths, boolean training) {
        NDManager m = states.getManager();
        Shape s = states.getShape();
        int batch = (int) s.get(0);
        int frames = (int) s.get(1);
        int r = config.reductionFactor();
        NDArray mask = Masks.frames(m, frameLengths, frames);
        NDArray x = states.mul(mask);
        int groups = (frames + r - 1) / r;
        int[] groupLengths = new int[frameLengths.length];
        for (int b = 0; b < groupLengths.length; b++) {
            groupLengths[b] = (frameLengths[b] + r - 1) / r;
        }
        if (r > 1) {
            if (groups * r != frames) {
                x = x.concat(m.zeros(new Shape(batch, (long) groups * r - frames, s.get(2)), x.getDataType()), 1);
            }
            x = x.reshape(batch, groups, r, s.get(2)).mean(new int[] {2});
        }
        NDArray before = melProjection.forward(decoder.forward(x, groupLengths, training)).reshape(batch, (long) groups * r, nMels);
        if (groups * r != frames) {
            before = before.get(new ai.djl.ndarray.index.NDIndex(":, :{}", frames));
        }
        before = before.mul(mask);
        return new NDArray[] {before, postnet.forward(before, mask, training).mul(mask)};
    }

    @Override
    public void close() {
        params.close();
    }
}
