package io.mytts.forward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mytts.config.ForwardConfig;
import io.mytts.config.MelLoss;
import io.mytts.config.Provenance;
import io.mytts.config.TTSConfig;
import io.mytts.model.Checkpoint;
import io.mytts.nn.Scalars;
import io.mytts.text.TextSettings;
import io.mytts.train.Losses;
import io.mytts.train.NamedLosses;
import io.mytts.train.PaddedBatch;
import io.mytts.train.ParameterGroup;
import io.mytts.train.TrainableModel;
import io.mytts.train.TrainingStep;
import io.mytts.train.TtsModelAdapter;
import io.mytts.train.Validation;
import io.mytts.train.ValidationOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a {@link ForwardTTS} trains on the shared loop: with the teacher's durations, pitch and
 * energy, the mel loss before and after the postnet, the duration loss (MSE of {@code log(1 +
 * frames)}) and the pitch and energy losses (MSE of the per-token z-scores), over real frames and
 * tokens only; the total is their weighted sum ({@link ForwardConfig}). Validation reports the same
 * losses and, for the sampled utterances, the mel made with predicted durations (to listen to), the
 * target mel, a plot of target against predicted frames per token, and the hard alignment of the
 * target durations. One parameter group; its part of a checkpoint is {@code model.zip}.
 *
 * <p>With a learned alignment ({@code "alignment": "learned"}) the batches hold pitch and energy per
 * frame and no durations: each step the model's alignment prior gives every frame's log-likelihood
 * under every token, {@link LearnedAlignment} finds the durations by monotonic alignment search,
 * the pitch and energy targets are the frames' means over them, and the prior's negative
 * log-likelihood ({@code alignment_loss}, weighted by {@code alignment_loss_weight}) joins the
 * total; the length regulator and the duration loss use the found durations. Validation then plots
 * those durations' hard alignment ({@code mas} plots) instead of the teacher's.
 */
public final class ForwardTrainee implements TrainableModel<ForwardBatch> {

    public static final String MEL_LOSS = "mel_loss";
    public static final String POSTNET_LOSS = "postnet_loss";
    public static final String DURATION_LOSS = "duration_loss";
    public static final String PITCH_LOSS = "pitch_loss";
    public static final String ENERGY_LOSS = "energy_loss";
    public static final String ALIGNMENT_LOSS = "alignment_loss";

    private final ForwardTTS model;
    private final TTSConfig config;
    private final TextSettings text;
    private final String datasetHash;
    private final MelLoss melLoss;

    /**
     * @param model the model to train; its parameters are switched to recording gradients
     * @param config the run's resolved config (its mel loss kind; the provenance of checkpoints)
     * @param text how the corpus's transcripts were read, with the symbol table (one symbol per
     *     vocabulary entry)
     * @param datasetHash the prepared data's hash, or null
     */
    public ForwardTrainee(ForwardTTS model, TTSConfig config, TextSettings text, String datasetHash) {
        if (text.symbols() == null || text.symbols().size() != model.vocabSize()) {
            throw new IllegalArgumentException("the symbol table has "
                    + (text.symbols() == null ? "no" : String.valueOf(text.symbols().size()))
                    + " symbols but the model's vocabulary " + model.vocabSize());
        }
        this.model = model;
        this.config = config;
        this.text = text;
        this.datasetHash = datasetHash;
        this.melLoss = config.train().melLoss();
        model.parameters().setRequiresGradient(true);
    }

    public ForwardTTS model() {
        return model;
    }

    @Override
    public List<ParameterGroup> parameterGroups() {
        return List.of(new ParameterGroup(ParameterGroup.MODEL, model.parameters().arrays()));
    }

    @Override
    public void trainStep(TrainingStep step, ForwardBatch batch) {
        step.update(m -> pass(m, batch, true).losses());
    }

    /** A pass's losses, and its batch with the durations it trained on (found in the pass, if learned). */
    private record Pass(NamedLosses losses, ForwardBatch aligned) {}

    private Pass pass(NDManager m, ForwardBatch batch, boolean training) {
        PaddedBatch p = PaddedBatch.of(m, batch.batch(), 1);
        int[] tokens = p.tokenLengths();
        int width = (int) p.tokens().getShape().get(1);
        ForwardTTS.Encoded encoded = model.encodeAndPredict(p.tokens(), tokens, p.speakers(), training);
        NDArray alignment = null;
        if (!batch.aligned()) {
            NDArray means = model.alignmentMeans(encoded);
            int[][] found = LearnedAlignment.durations(LearnedAlignment.logLikelihood(p.mels(), means),
                    p.melLengths(), tokens);
            batch = batch.align(found);
            alignment = LearnedAlignment.loss(means, p.mels(), found, p.melLengths());
        }
        NDArray pitch = batch.pitch(m, width);
        NDArray energy = batch.energy(m, width);
        ForwardTTS.Output out = model.adaptAndDecode(encoded, batch.realDurations(), pitch, energy, p.paddedFrames(),
                training);
        NDArray mel = Losses.maskedMel(out.melBefore(), p.mels(), p.melLengths(), melLoss);
        NDArray postnet = Losses.maskedMel(out.melAfter(), p.mels(), p.melLengths(), melLoss);
        NDArray duration = tokenMse(out.logDurations(), logDurations(m, batch.durations(), width), tokens);
        NDArray pitchLoss = tokenMse(out.pitch(), pitch, tokens);
        NDArray energyLoss = tokenMse(out.energy(), energy, tokens);
        ForwardConfig f = model.forwardConfig();
        NDArray total = mel.add(postnet).add(weighted(duration, f.durationLossWeight()))
                .add(weighted(pitchLoss, f.pitchLossWeight())).add(weighted(energyLoss, f.energyLossWeight()));
        if (alignment != null) {
            total = total.add(weighted(alignment, f.alignmentLossWeight()));
        }
        NamedLosses named = NamedLosses.of(total).with(MEL_LOSS, mel).with(POSTNET_LOSS, postnet)
                .with(DURATION_LOSS, duration).with(PITCH_LOSS, pitchLoss).with(ENERGY_LOSS, energyLoss);
        return new Pass(alignment == null ? named : named.with(ALIGNMENT_LOSS, alignment), batch);
    }

    private static NDArray weighted(NDArray loss, double weight) {
        return weight == 1 ? loss : Scalars.mul(loss, weight);
    }

    /** Mean squared error over each row's real tokens of {@code [batch, tokens]} values. */
    private static NDArray tokenMse(NDArray predicted, NDArray target, int[] tokenLengths) {
        return Losses.maskedMel(predicted.expandDims(2), target.expandDims(2), tokenLengths, MelLoss.MSE);
    }

    private static NDArray logDurations(NDManager m, int[][] durations, int width) {
        float[] flat = new float[durations.length * width];
        for (int b = 0; b < durations.length; b++) {
            for (int t = 0; t < Math.min(width, durations[b].length); t++) {
                flat[b * width + t] = (float) Math.log1p(durations[b][t]);
            }
        }
        return m.create(flat, new Shape(durations.length, width));
    }

    @Override
    public void validate(Validation v, ForwardBatch unaligned) {
        boolean learned = !unaligned.aligned();
        Pass pass = pass(v.manager(), unaligned, false);
        v.add(pass.losses().values());
        ForwardBatch batch = pass.aligned();
        for (int i = 0; i < batch.size(); i++) {
            int sample = v.takeSample();
            if (sample < 0) {
                return;
            }
            int[] ids = batch.batch().tokens(i);
            int[] target = batch.durations(i);
            ForwardResult free = model.generate(List.of(ids), new int[] {batch.batch().speakers()[i]},
                    ForwardControls.DEFAULT).get(0);
            List<String> labels = labels(ids);
            v.output(new ValidationOutput.Mel("val" + sample, free.mel(), String.join("", labels)
                    + " (predicted durations)"));
            v.output(new ValidationOutput.Durations("dur" + sample, target, free.durations(), labels,
                    "frames per token, target and predicted"));
            v.output(learned
                    ? new ValidationOutput.Alignment("mas" + sample, hardAlignment(target), labels,
                            "durations by monotonic alignment search under the model's prior")
                    : new ValidationOutput.Alignment("hard" + sample, hardAlignment(target), labels,
                            "target durations"));
            if (sample == 0) {
                v.output(new ValidationOutput.Mel("target0", batch.batch().mel(i), null));
            }
        }
    }

    /** {@code [frames][tokens]}: 1 where a frame belongs to a token by the durations. */
    static float[][] hardAlignment(int[] durations) {
        int frames = 0;
        for (int d : durations) {
            frames += d;
        }
        float[][] a = new float[frames][durations.length];
        int t = 0;
        for (int i = 0; i < durations.length; i++) {
            for (int k = 0; k < durations[i]; k++) {
                a[t++][i] = 1;
            }
        }
        return a;
    }

    private List<String> labels(int[] tokens) {
        List<String> out = new ArrayList<>();
        for (int t : tokens) {
            out.add(t >= 0 && t < text.symbols().size() ? text.symbols().symbol(t) : "?");
        }
        return out;
    }

    @Override
    public long frames(ForwardBatch batch) {
        return batch.batch().frames();
    }

    @Override
    public void save(Path folder, Map<String, Object> facts) throws IOException {
        model.checkpointWriter().optMetadata(facts)
                .setProvenance(Provenance.current(config, text, datasetHash))
                .write(folder.resolve(TtsModelAdapter.MODEL_FILE));
    }

    @Override
    public void load(Path folder) {
        Checkpoint.read(folder.resolve(TtsModelAdapter.MODEL_FILE)).copyParametersInto(model.parameters());
        model.parameters().setRequiresGradient(true);
    }
}
