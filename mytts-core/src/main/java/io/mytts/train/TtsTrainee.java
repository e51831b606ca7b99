package io.mytts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mytts.align.Alignments;
import io.mytts.config.TTSConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How an attention text-to-speech model trains: teacher-forced forward, the mel, postnet, stop and
 * guided-attention losses ({@link TtsLoss}), the training alignment's diagonality on logging steps,
 * and for validation the same losses, diagonality and, for the sampled utterances, teacher-forced
 * and free-running alignment plots and the mels to listen to. One parameter group.
 */
public final class TtsTrainee implements TrainableModel<TrainBatch> {

    /** Loss names, as {@code metrics.jsonl} has always called them. */
    public static final String MEL_LOSS = "mel_loss";
    public static final String POSTNET_LOSS = "postnet_loss";
    public static final String STOP_LOSS = "stop_loss";
    public static final String GUIDED_ATTN_LOSS = "guided_attn_loss";
    /** Measures: the guided-attention weight of the step, and diagonality (logging steps). */
    public static final String GUIDED_ATTN_WEIGHT = "guided_attn_weight";
    public static final String DIAGONALITY = "diagonality";
    public static final String FREE_DIAGONALITY = "free_diagonality";

    private final TeacherForcedTts model;
    private final TtsLoss loss;
    private final int maxFreeSteps;
    private final Predicate<String> trainable;

    /**
     * @param model the model
     * @param config its losses' settings (train and model sections)
     * @param maxFreeSteps decoder-step limit of free-running generation at validation
     */
    public TtsTrainee(TeacherForcedTts model, TTSConfig config, int maxFreeSteps) {
        this(model, config, maxFreeSteps, name -> true);
    }

    /**
     * A trainee that trains only some parameters (fine-tuning): the others are frozen, neither
     * recording gradients nor updated.
     *
     * @param trainable which parameters, by name, the optimizer updates
     */
    public TtsTrainee(TeacherForcedTts model, TTSConfig config, int maxFreeSteps, Predicate<String> trainable) {
        this.model = model;
        this.loss = new TtsLoss(config);
        this.maxFreeSteps = maxFreeSteps;
        this.trainable = trainable;
        if (trainedParameters().isEmpty()) {
            throw new IllegalArgumentException("no parameter of the model is trainable");
        }
        freezeTheOthers();
    }

    @Override
    public List<ParameterGroup> parameterGroups() {
        return List.of(new ParameterGroup(ParameterGroup.MODEL, trainedParameters()));
    }

    private Map<String, NDArray> trainedParameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        model.parameters().forEach((name, a) -> {
            if (trainable.test(name)) {
                out.put(name, a);
            }
        });
        return out;
    }

    private void freezeTheOthers() {
        model.parameters().forEach((name, a) -> {
            if (!trainable.test(name)) {
                a.setRequiresGradient(false);
            }
        });
    }

    @Override
    public void trainStep(TrainingStep step, TrainBatch batch) {
        step.update(m -> {
            PaddedBatch padded = PaddedBatch.of(m, batch, model.reductionFactor());
            ForwardOutput out = model.forward(m, padded.tokens(), padded.tokenLengths(), padded.speakers(),
                    padded.mels(), padded.melLengths(), true);
            if (step.isLoggingStep()) {
                step.measure(DIAGONALITY, trainingDiagonality(out, padded));
            }
            return named(loss.compute(out, padded, step.number()));
        });
        step.measure(GUIDED_ATTN_WEIGHT, loss.guidedWeightAt(step.number()));
    }

    private static NamedLosses named(TtsLoss.Parts p) {
        return NamedLosses.of(p.total()).with(MEL_LOSS, p.melBefore()).with(POSTNET_LOSS, p.melAfter())
                .with(STOP_LOSS, p.stop()).with(GUIDED_ATTN_LOSS, p.guided());
    }

    @Override
    public void validate(Validation v, TrainBatch batch) {
        NDManager m = v.manager();
        PaddedBatch p = PaddedBatch.of(m, batch, model.reductionFactor());
        ForwardOutput out = model.forward(m, p.tokens(), p.tokenLengths(), p.speakers(), p.mels(), p.melLengths(),
                false);
        v.add(named(loss.compute(out, p, v.step())).values());
        for (int i = 0; i < batch.size(); i++) {
            float[][] a = averagedAlignment(out, i);
            int steps = p.decoderLengths()[i];
            int tokens = p.tokenLengths()[i];
            v.add(DIAGONALITY, Alignments.diagonality(a, steps, tokens));
            int sample = v.takeSample();
            if (sample >= 0) {
                int[] ids = batch.tokens(i);
                v.output(new ValidationOutput.Alignment("tf" + sample, crop(a, steps, tokens), labels(ids),
                        "teacher-forced"));
                freeRun(v, sample, ids, p.speakers()[i]);
                if (sample == 0) {
                    // The target through the same vocoder: what the model's audio is compared with.
                    v.output(new ValidationOutput.Mel("target0", batch.mel(i), null));
                }
            }
        }
    }

    /** Free-running generation of a sampled utterance: its alignment and its mel to listen to. */
    private void freeRun(Validation v, int sample, int[] ids, int speaker) {
        TeacherForcedTts.FreeRun r = model.generate(ids, speaker, maxFreeSteps);
        if (r == null) {
            return;
        }
        if (r.alignment().length > 0) {
            v.add(FREE_DIAGONALITY, Alignments.diagonality(r.alignment()));
            v.output(new ValidationOutput.Alignment("free" + sample, r.alignment(), labels(ids),
                    r.stopped() ? "free-running" : "free-running, no stop"));
        }
        v.output(new ValidationOutput.Mel("val" + sample, r.mel(),
                tokenText(ids) + (r.stopped() ? "" : " (no stop within " + maxFreeSteps + " steps)")));
    }

    @Override
    public long frames(TrainBatch batch) {
        return batch.frames();
    }

    @Override
    public void save(Path folder, Map<String, Object> facts) throws IOException {
        model.save(folder, facts);
    }

    @Override
    public void load(Path folder) throws IOException {
        model.load(folder);
        freezeTheOthers(); // loading makes every parameter trainable again
    }

    /**
     * Diagonality of the first utterance's cross-attention, averaged over layers and heads, in
     * its real (decoder step, token) region.
     */
    static double trainingDiagonality(ForwardOutput out, PaddedBatch batch) {
        if (out.crossAttention().isEmpty()) {
            return Double.NaN;
        }
        float[][] a = averagedAlignment(out, 0);
        return Alignments.diagonality(a, batch.decoderLengths()[0], batch.tokenLengths()[0]);
    }

    /** Utterance {@code item}'s cross-attention averaged over layers and heads, padded {@code [steps][tokens]}. */
    static float[][] averagedAlignment(ForwardOutput out, int item) {
        return Alignments.toMatrix(Alignments.averageLayersAndHeads(out.crossAttention()).get(item));
    }

    private static float[][] crop(float[][] a, int steps, int tokens) {
        float[][] c = new float[Math.min(steps, a.length)][];
        for (int s = 0; s < c.length; s++) {
            c[s] = Arrays.copyOf(a[s], tokens);
        }
        return c;
    }

    private List<String> labels(int[] tokens) {
        List<String> symbols = model.symbols();
        List<String> out = new ArrayList<>();
        for (int t : tokens) {
            if (t < 0 || t >= symbols.size()) {
                return List.of();
            }
            out.add(symbols.get(t));
        }
        return out;
    }

    private String tokenText(int[] tokens) {
        List<String> l = labels(tokens);
        return l.isEmpty() ? Arrays.toString(tokens) : String.join("", l);
    }
}
