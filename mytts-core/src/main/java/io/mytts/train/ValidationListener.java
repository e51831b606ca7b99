package io.mytts.train;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.mytts.audio.Vocoder;
import io.mytts.audio.WavIO;
import io.mytts.monitor.AlignmentPlot;
import io.mytts.monitor.DurationPlot;
import io.mytts.monitor.RunFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validation every {@code validate_every} steps: the model's {@link TrainableModel#validate} on each
 * held-out batch with gradients off, the means into the log and to the other listeners (the
 * checkpoint listener keeps the best), and the outputs into the run folder
 * ({@code alignments/step-N-TAG.png}, {@code samples/step-N-TAG.wav} and {@code .txt},
 * {@code durations/step-N-TAG.svg}).
 */
public final class ValidationListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationListener.class);

    private final int samples;
    private final Vocoder vocoder;

    /**
     * @param samples utterances that get plots and audio (0 for numbers only)
     * @param vocoder turns validation mels into audio; null for no audio from mels
     */
    public ValidationListener(int samples, Vocoder vocoder) {
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be 0 or more, not " + samples);
        }
        this.samples = samples;
        this.vocoder = vocoder;
    }

    /** Numbers only: no plots, no audio. */
    public static ValidationListener lossesOnly() {
        return new ValidationListener(0, null);
    }

    @Override
    public void onStep(Trainer<?> trainer, StepMetrics m) throws IOException {
        if (m.step() % trainer.trainConfig().validateEvery() == 0) {
            trainer.fireValidation(validate(trainer, m.step()));
        }
    }

    private <B> ValidationResult validate(Trainer<B> trainer, long step) throws IOException {
        Validation v = new Validation(step, samples);
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager base = NDManager.newBaseManager()) {
            for (B batch : trainer.data().validation()) {
                try (NDManager batchManager = base.newSubManager()) {
                    v.setManager(batchManager);
                    trainer.model().validate(v, batch);
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        for (ValidationOutput o : v.outputs()) {
            write(o, step, trainer.runFolder());
        }
        ValidationResult report = new ValidationResult(step, v.means());
        LOG.info("step {}: validation {}", step, report.means().entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4f", e.getValue()))
                .collect(Collectors.joining(", ")));
        return report;
    }

    private void write(ValidationOutput output, long step, RunFolder run) throws IOException {
        if (output instanceof ValidationOutput.Alignment a) {
            plot(a, step, run);
        } else if (output instanceof ValidationOutput.Mel mel) {
            if (vocoder != null && mel.mel().length > 0) {
                writeAudio(run, step, mel.tag(), vocoder.synthesize(mel.mel()), vocoder.sampleRate(), mel.text());
            }
        } else if (output instanceof ValidationOutput.Audio audio) {
            writeAudio(run, step, audio.tag(), audio.samples(), audio.sampleRate(), audio.text());
        } else if (output instanceof ValidationOutput.Durations d) {
            DurationPlot.of(d.target(), d.predicted(), "step " + step + ", " + d.caption()).write(run.durationFile(step, d.tag()));
        }
    }

    private static void plot(ValidationOutput.Alignment a, long step, RunFolder run) {
        if (a.matrix().length == 0) {
            return;
        }
        AlignmentPlot.Builder b = AlignmentPlot.builder().setAlignment(a.matrix())
                .optCaption("step " + step + ", " + a.caption());
        List<String> labels = a.tokenLabels();
        if (!labels.isEmpty() && labels.size() == a.matrix()[0].length) {
            b.optTokenLabels(labels);
        }
        b.build().writePng(run.alignmentFile(step, a.tag()));
    }

    private static void writeAudio(RunFolder run, long step, String tag, float[] audio, int rate, String text)
            throws IOException {
        WavIO.write(run.sampleFile(step, tag), audio, rate);
        if (text != null) {
            Files.writeString(run.sampleTextFile(step, tag), text, StandardCharsets.UTF_8);
        }
    }
}
