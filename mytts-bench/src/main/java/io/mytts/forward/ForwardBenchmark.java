package io.mytts.forward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mytts.config.AudioConfig;
import io.mytts.config.TTSConfig;
import io.mytts.data.ProsodyStore;
import io.mytts.eval.Median;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The forward model's acoustic real-time factor (a benchmark, not a test): seconds of
 * {@link ForwardTTS#generate} per second of audio it makes, the median of repeated runs after a
 * warm-up, for one text and for a batch of texts. No vocoder: the mel is the output. Run it with
 * one intra-op thread ({@code ./mytts model bench --model forward} does) to measure the issue's
 * target of one thread.
 */
public final class ForwardBenchmark {

    /** Frames per token in the bundled voice's corpus (1,288,461 frames over 256,183 tokens). */
    public static final double CORPUS_FRAMES_PER_TOKEN = 5.03;

    private final PrintStream out;

    public ForwardBenchmark(PrintStream out) {
        this.out = out;
    }

    /**
     * A model of {@code config} with random weights whose durations start near the corpus's
     * {@value #CORPUS_FRAMES_PER_TOKEN} frames per token, so that it makes as many frames as a
     * trained one.
     */
    public static ForwardTTS randomModel(TTSConfig config, int vocabSize, NDManager manager) {
        ForwardTTS model = new ForwardTTS(config.model(), config.forwardOrDefault(), vocabSize, config.audio().nMels(),
                new ProsodyStore.SpeakerStats(5.13, 0.069, 3.25, 1.93), manager, 1);
        // Every token lasts the corpus's mean: no weights, only the bias (random weights would
        // scatter log-durations and, through exp, lengthen the mean).
        NDArray weight = model.parameters().get("variance.duration.out.weight");
        weight.set(new float[(int) weight.size()]);
        model.parameters().get("variance.duration.out.bias").set(new float[] {(float) Math.log1p(CORPUS_FRAMES_PER_TOKEN)});
        return model;
    }

    /**
     * One measurement.
     *
     * @param texts texts per call
     * @param tokens tokens per text
     * @param frames mel frames per text made (the median run's)
     * @param seconds median wall seconds per call
     * @param rtf seconds per second of audio
     */
    public record Result(int texts, int tokens, int frames, double seconds, double rtf) {}

    /**
     * Median real-time factor of {@code runs} calls of {@code batch} random texts of {@code tokens}
     * tokens each, after one warm-up call.
     */
    public Result measure(ForwardTTS model, AudioConfig audio, int batch, int tokens, int runs, long seed) {
        List<int[]> texts = new ArrayList<>();
        Random r = new Random(seed);
        for (int b = 0; b < batch; b++) {
            // Ids from 1: 0 is the pad symbol of the symbol tables.
            texts.add(r.ints(tokens, 1, model.vocabSize()).toArray());
        }
        model.generate(texts, ForwardControls.DEFAULT);
        double[] seconds = new double[runs];
        int frames = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            List<ForwardResult> results = model.generate(texts, ForwardControls.DEFAULT);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            frames = results.stream().mapToInt(ForwardResult::frames).sum();
        }
        double median = Median.of(seconds);
        double audioSeconds = (double) frames * audio.hopLength() / audio.sampleRate();
        return new Result(batch, tokens, frames / batch, median, median / audioSeconds);
    }

    /** Measures batch 1 and batch {@code batch} and prints one line each. */
    public void run(String name, ForwardTTS model, AudioConfig audio, int tokens, int batch, int runs) {
        for (int b : batch > 1 ? List.of(1, batch) : List.of(1)) {
            Result r = measure(model, audio, b, tokens, runs, 1);
            out.printf("forward %s, %d text(s) of %d tokens (%d frames each): %.1f ms per call, real-time factor"
                    + " %.4f (median of %d)%n", name, r.texts(), r.tokens(), r.frames(), r.seconds() * 1e3, r.rtf(), runs);
        }
    }
}
