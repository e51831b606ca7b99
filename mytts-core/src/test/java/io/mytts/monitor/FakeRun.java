package io.mytts.monitor;

import io.mytts.config.ConfigFiles;
import io.mytts.config.Presets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** A small fake training run folder, written as the trainer would write it. */
final class FakeRun {

    static final int LOG_LINES = 120;
    static final int LOG_EVERY = 25;
    static final long[] ALIGNMENT_STEPS = {500, 1000, 2000, 3000};
    static final long LAST_STEP = (LOG_LINES - 1) * (long) LOG_EVERY;

    private FakeRun() {}

    static RunFolder create(Path dir) throws IOException {
        RunFolder run = RunFolder.create(dir);
        Files.writeString(run.configFile(), ConfigFiles.toJson(Presets.config("tiny")));
        Random r = new Random(42);
        for (int i = 0; i < LOG_LINES; i++) {
            long step = (long) i * LOG_EVERY;
            double progress = i / (double) LOG_LINES;
            double gradNorm = Math.exp(r.nextGaussian() * 0.8) * (3 - 2 * progress);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("elapsed_s", step * 0.4);
            m.put("loss", 1.6 * Math.exp(-3 * progress) + 0.2 + r.nextGaussian() * 0.02);
            m.put("mel_loss", 1.2 * Math.exp(-3 * progress) + 0.15 + r.nextGaussian() * 0.02);
            m.put("stop_loss", 0.3 * Math.exp(-5 * progress) + 0.01);
            m.put("lr", 1e-3 * Math.min(1, (step + 1) / 400.0) * Math.min(1, Math.sqrt(400.0 / (step + 1))));
            m.put("grad_norm", gradNorm);
            m.put("grad_norm_clipped", Math.min(gradNorm, 1.0));
            m.put("diagonality", 1 / (1 + Math.exp(-10 * (progress - 0.4))));
            m.put("steps_per_s", 2.5 + r.nextGaussian() * 0.1);
            m.put("frames_per_s", 2800 + r.nextGaussian() * 50);
            m.put("rss_mb", 900 + 2 * i);
            m.put("phase", "train"); // not a number: kept in the file, not plotted
            if (i % 20 == 19) {
                m.put("val_loss", 1.7 * Math.exp(-3 * progress) + 0.3);
            }
            run.appendMetrics(step, m);
        }
        // A line half-written by a trainer that is still running.
        Files.writeString(run.metricsFile(), "{\"step\": 3000, \"loss\": 0.2", StandardOpenOption.APPEND);

        List<String> labels = "hello world".codePoints().mapToObj(Character::toString).toList();
        for (long step : ALIGNMENT_STEPS) {
            double sharpness = step / 3000.0;
            for (String tag : List.of("val0", "val1")) {
                AlignmentPlot.builder().setAlignment(alignment(60 + (int) (step / 100), labels.size(), sharpness))
                        .optTokenLabels(labels).optCaption("step " + step + ", " + tag).build()
                        .writePng(run.alignmentFile(step, tag));
            }
        }
        writeSine(run.sampleFile(1000, "val0"), 220);
        writeSine(run.sampleFile(3000, "val0"), 330);
        writeSine(run.sampleFile(3000, "val1"), 440);
        Files.writeString(run.sampleTextFile(3000, "val0"), "Hello <world> & friends.", StandardCharsets.UTF_8);
        return run;
    }

    /** From uniform (sharpness 0) to a sharp diagonal (sharpness 1). */
    static float[][] alignment(int steps, int tokens, double sharpness) {
        float[][] a = new float[steps][tokens];
        double width = 0.6 + (1 - sharpness) * 8;
        for (int s = 0; s < steps; s++) {
            double c = s * (tokens - 1) / (double) (steps - 1);
            double sum = 0;
            for (int t = 0; t < tokens; t++) {
                sum += a[s][t] = (float) Math.exp(-0.5 * Math.pow((t - c) / width, 2));
            }
            for (int t = 0; t < tokens; t++) {
                a[s][t] /= sum;
            }
        }
        return a;
    }

    /** Half a second of a sine wave, 16-bit mono 22,050 Hz WAV. */
    static void writeSine(Path file, double hz) throws IOException {
        int rate = 22050;
        int n = rate / 2;
        ByteBuffer pcm = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            pcm.putShort((short) (0.3 * Short.MAX_VALUE * Math.sin(2 * Math.PI * hz * i / rate)));
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, n)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
