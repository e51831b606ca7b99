package io.mytts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.mytts.audio.Vocoder;
import io.mytts.audio.WavIO;
import io.mytts.monitor.AlignmentPlot;
import io.mytts.monitor.Alignments;
import io.mytts.monitor.RunFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validation on the held-out batches: teacher-forced losses and alignment diagonality, and for
 * the first few utterances teacher-forced and free-running alignment plots and vocoded audio,
 * written in the run folder's format ({@code alignments/step-N-tf0.png}, {@code -free0.png},
 * {@code samples/step-N-val0.wav}).
 */
public final class Validator {

    private static final Logger LOG = LoggerFactory.getLogger(Validator.class);

    private final int samples;
    private final Vocoder vocoder;
    private final int maxFreeSteps;

    /**
     * @param samples utterances that get plots and audio (0 for numbers only)
     * @param vocoder turns validation mels into audio; null for no audio
     * @param maxFreeSteps decoder-step limit of free-running generation
     */
    public Validator(int samples, Vocoder vocoder, int maxFreeSteps) {
        this.samples = samples;
        this.vocoder = vocoder;
        this.maxFreeSteps = maxFreeSteps;
    }

    /** Numbers only: no plots, no audio. */
    public static Validator lossesOnly() {
        return new Validator(0, null, 0);
    }

    /**
     * Means over the validation set.
     *
     * @param diagonality teacher-forced, cross-attention averaged over layers and heads
     * @param freeDiagonality free-running, over the sampled utterances (NaN when none)
     */
    public record Report(double loss, double melBefore, double melAfter, double stop,
            double guidedAttention, double diagonality, double freeDiagonality) {

        Map<String, Object> toRecord(long step) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("step", step);
            r.put("val_loss", loss);
            r.put("val_mel_loss", melBefore);
            r.put("val_postnet_loss", melAfter);
            r.put("val_stop_loss", stop);
            r.put("val_guided_attn_loss", guidedAttention);
            put(r, "val_diagonality", diagonality);
            put(r, "val_free_diagonality", freeDiagonality);
            return r;
        }

        private static void put(Map<String, Object> r, String key, double v) {
            if (Double.isFinite(v)) {
                r.put(key, v);
            }
        }
    }

    Report validate(NDManager base, TrainableModel model, List<TrainBatch> batches, TtsLoss loss,
            long step, RunFolder run) throws IOException {
        double[] sums = new double[5];
        double diagonalitySum = 0;
        int utterances = 0;
        int n = 0;
        List<int[]> sampleTokens = new ArrayList<>();
        List<float[][]> sampleMels = new ArrayList<>();
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (TrainBatch batch : batches) {
                try (NDManager sm = base.newSubManager()) {
                    PaddedBatch p = PaddedBatch.of(sm, batch, model.reductionFactor());
                    ForwardOutput out = model.forward(sm, p.tokens(), p.tokenLengths(), p.mels(),
                            p.melLengths(), false);
                    double[] v = loss.compute(out, p, step).values();
                    for (int i = 0; i < sums.length; i++) {
                        sums[i] += v[i];
                    }
                    n++;
                    for (int i = 0; i < batch.size(); i++) {
                        float[][] a = averagedAlignment(out, i);
                        int steps = p.decoderLengths()[i];
                        int tokens = p.tokenLengths()[i];
                        diagonalitySum += Alignments.diagonality(a, steps, tokens);
                        utterances++;
                        if (sampleTokens.size() < samples) {
                            int tag = sampleTokens.size();
                            plot(crop(a, steps, tokens), batch.tokens()[i], model, step,
                                    run.alignmentFile(step, "tf" + tag), "teacher-forced");
                            sampleTokens.add(batch.tokens()[i]);
                            sampleMels.add(batch.mels()[i]);
                        }
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        double freeSum = 0;
        int free = 0;
        for (int i = 0; i < sampleTokens.size(); i++) {
            TrainableModel.FreeRun r = model.generate(sampleTokens.get(i), maxFreeSteps);
            if (r == null) {
                break;
            }
            if (r.alignment().length > 0) {
                freeSum += Alignments.diagonality(r.alignment());
                free++;
                plot(r.alignment(), sampleTokens.get(i), model, step, run.alignmentFile(step, "free" + i),
                        r.stopped() ? "free-running" : "free-running, no stop");
            }
            if (vocoder != null && r.mel().length > 0) {
                WavIO.write(run.sampleFile(step, "val" + i), vocoder.synthesize(r.mel()), vocoder.sampleRate());
                Files.writeString(run.sampleTextFile(step, "val" + i), tokenText(sampleTokens.get(i), model)
                        + (r.stopped() ? "" : " (no stop within " + maxFreeSteps + " steps)"),
                        StandardCharsets.UTF_8);
            }
        }
        if (vocoder != null && !sampleMels.isEmpty()) {
            // The target through the same vocoder: what the model's audio is compared with.
            WavIO.write(run.sampleFile(step, "target0"), vocoder.synthesize(sampleMels.get(0)), vocoder.sampleRate());
        }
        n = Math.max(1, n);
        Report report = new Report(sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, sums[4] / n,
                utterances == 0 ? Double.NaN : diagonalitySum / utterances,
                free == 0 ? Double.NaN : freeSum / free);
        LOG.info("step {}: validation loss {} (mel {}, postnet {}, stop {}), diagonality {}", step,
                fmt(report.loss()), fmt(report.melBefore()), fmt(report.melAfter()), fmt(report.stop()),
                fmt(report.diagonality()));
        return report;
    }

    private static String fmt(double v) {
        return String.format("%.4f", v);
    }

    /** Utterance {@code item}'s cross-attention averaged over layers and heads, padded {@code [steps][tokens]}. */
    static float[][] averagedAlignment(ForwardOutput out, int item) {
        NDArray sum = null;
        for (NDArray layer : out.crossAttention()) {
            NDArray heads = layer.get(String.valueOf(item)).mean(new int[] {0});
            sum = sum == null ? heads : sum.add(heads);
        }
        return Alignments.toMatrix(sum.div((float) out.crossAttention().size()));
    }

    private static float[][] crop(float[][] a, int steps, int tokens) {
        float[][] c = new float[Math.min(steps, a.length)][];
        for (int s = 0; s < c.length; s++) {
            c[s] = java.util.Arrays.copyOf(a[s], tokens);
        }
        return c;
    }

    private void plot(float[][] alignment, int[] tokens, TrainableModel model, long step,
            java.nio.file.Path file, String what) {
        List<String> labels = labels(tokens, model);
        AlignmentPlot.Builder b = AlignmentPlot.builder().setAlignment(alignment)
                .optCaption("step " + step + ", " + what);
        if (labels.size() == alignment[0].length) {
            b.optTokenLabels(labels);
        }
        b.build().writePng(file);
    }

    private static List<String> labels(int[] tokens, TrainableModel model) {
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

    private static String tokenText(int[] tokens, TrainableModel model) {
        List<String> l = labels(tokens, model);
        return l.isEmpty() ? java.util.Arrays.toString(tokens) : String.join("", l);
    }
}
