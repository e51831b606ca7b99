package io.mytts.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.forward.ForwardBenchmark;
import io.mytts.forward.ForwardTTS;
import io.mytts.model.ModelKind;
import io.mytts.model.TransformerTTS;
import io.mytts.text.Language;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Real-time factor and time to first audio of a voice on a 200-character text, medians over
 * repeats after one warm-up run. Without a trained voice it measures an untrained model of a
 * preset whose stop token is switched off, with each sentence cut by the automatic step cap at
 * {@value #FRAMES_PER_CHARACTER} frames per character (LJ Speech's speaking rate) plus
 * {@value SynthesisOptions#EXTRA_STEPS} steps, so the work per second of audio is realistic even
 * though the audio is noise; an untrained forward preset's tokens last the bundled voice's corpus
 * mean ({@link ForwardBenchmark#randomModel}) instead.
 * The acoustic model's real-time factor (decoding time over audio time) is reported apart from the
 * vocoder's.
 */
public final class SynthesisBenchmark {

    /** 200 characters in two sentences of 105 and 94. */
    public static final String TEXT = "The quick brown fox jumps over the lazy dog near the quiet river bank, while the"
            + " farmer counts his sheep. Meanwhile, seven curious children watched from the old wooden bridge and"
            + " smiled at the sunset.";
    /** LJ Speech: about 5.8 mel frames (hop 256 at 22050 Hz) per character of normalized text. */
    static final double FRAMES_PER_CHARACTER = 5.8;

    private SynthesisBenchmark() {}

    /** Median figures of the runs. */
    public record Figures(double realTimeFactor, double timeToFirstAudioMillis, double totalMillis, double seconds,
            double decodeMillis, double vocoderMillis, int sentences, int characters, SynthesisResult lastRun) {

        /** The acoustic model's real-time factor: decoding time over audio time. */
        public double acousticRealTimeFactor() {
            return decodeMillis / 1000 / seconds;
        }

        /** The vocoder's real-time factor. */
        public double vocoderRealTimeFactor() {
            return vocoderMillis / 1000 / seconds;
        }
    }

    /** Benchmarks {@code voice} on {@code text}. */
    public static Figures run(Voice voice, String text, SynthesisOptions options, int repeats) {
        Synthesizer synth = Synthesizer.of(voice);
        synth.synthesize(text, options); // warm-up: JIT, native allocations
        double[] rtf = new double[repeats];
        double[] ttfa = new double[repeats];
        double[] total = new double[repeats];
        double[] decode = new double[repeats];
        double[] vocoder = new double[repeats];
        SynthesisResult last = null;
        for (int i = 0; i < repeats; i++) {
            last = synth.synthesize(text, options);
            rtf[i] = last.realTimeFactor();
            ttfa[i] = last.timeToFirstAudioMillis();
            total[i] = last.totalMillis();
            decode[i] = last.decodeMillis();
            vocoder[i] = last.vocoderMillis();
        }
        return new Figures(median(rtf), median(ttfa), median(total), last.durationSeconds(), median(decode),
                median(vocoder), last.sentences().size(), text.length(), last);
    }

    /**
     * An untrained voice of {@code preset} (English characters, stop token off) in a temporary
     * folder, and the options that cut each sentence at a speaking rate's length; a forward preset
     * (one with a forward section) speaks {@link ForwardBenchmark#CORPUS_FRAMES_PER_TOKEN} frames a token.
     */
    public static Voice untrainedVoice(String preset, Path folder) {
        TTSConfig config = Presets.config(preset);
        SymbolTable symbols = SymbolTable.characters(Language.EN);
        VoicePackager packager = VoicePackager.builder().setName("untrained-" + preset)
                .optTextSettings(TextSettings.englishCharacters()).optAudioConfig(config.audio()).build();
        if (config.forward() != null) {
            try (NDManager m = NDManager.newBaseManager();
                    ForwardTTS model = ForwardBenchmark.randomModel(config, symbols.size(), m)) {
                packager.fromModel(model, symbols, folder);
            }
            return Voice.load(folder);
        }
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config.model(), symbols.size(), config.audio().nMels(), m, 1)) {
            NDArray bias = model.parameters().arrays().get("decoder.stop_proj.bias");
            float[] never = new float[(int) bias.size()];
            Arrays.fill(never, -30f);
            bias.set(never);
            packager.fromModel(model, symbols, folder);
        }
        return Voice.load(folder);
    }

    /** Runs the benchmark on {@link #TEXT} with the default options. */
    public static void report(Path voiceFolder, String preset, int repeats, PrintWriter out) {
        report(voiceFolder, preset, TEXT, SynthesisOptions.builder(), repeats, out);
    }

    /**
     * Runs the benchmark and prints it; {@code voiceFolder} null means an untrained {@code preset}.
     *
     * @param options batch size, vocoder overlap and decoding (beam, repair, text-aware stop) to measure
     */
    public static void report(Path voiceFolder, String preset, String text, SynthesisOptions.Builder options,
            int repeats, PrintWriter out) {
        Path tmp = null;
        try {
            Voice voice;
            if (voiceFolder != null) {
                voice = Voice.load(voiceFolder);
            } else {
                tmp = Files.createTempDirectory("mytts-bench-voice");
                voice = untrainedVoice(preset, tmp);
                if (voice.kind() == ModelKind.AUTOREGRESSIVE) {
                    options.optFramesPerToken(FRAMES_PER_CHARACTER);
                }
            }
            try (voice) {
                SynthesisOptions o = options.build();
                Synthesizer.of(voice).checkOptions(o); // an autoregressive voice refuses speed and pitch up front
                out.printf(Locale.ROOT, "synthesis benchmark: %s voice %s%s, %d characters, batch size %d, vocoder %s,"
                        + " speed %s, pitch %+.1f semitones, beam %d, repair %d, text-aware stop %s, median of %d runs"
                        + " after a warm-up, %d cores, %s intra-op threads%n", voice.kind(), voice.name(),
                        untrainedNote(voiceFolder, voice), text.length(), o.batchSize(),
                        o.overlapVocoder() ? "overlapped" : "inline", o.speed(), o.pitchSemitones(), o.beam(), o.repair(),
                        o.textAwareStop() ? "on" : "off", repeats, Runtime.getRuntime().availableProcessors(),
                        System.getProperty("ai.djl.pytorch.num_threads", "default"));
                Figures f = run(voice, text, o, repeats);
                out.printf(Locale.ROOT, "  audio               %7.2f s in %d sentences%n", f.seconds(), f.sentences());
                out.printf(Locale.ROOT, "  total               %7.0f ms  (decode %.0f ms, vocoder %.0f ms)%n",
                        f.totalMillis(), f.decodeMillis(), f.vocoderMillis());
                out.printf(Locale.ROOT, "  real-time factor    %7.3f  (acoustic model %.4f, vocoder %.4f)%n",
                        f.realTimeFactor(), f.acousticRealTimeFactor(), f.vocoderRealTimeFactor());
                out.printf(Locale.ROOT, "  time to first audio %7.0f ms%n", f.timeToFirstAudioMillis());
                boolean forward = voice.kind() == ModelKind.FORWARD;
                int r = voice.config().reductionFactor();
                for (SentenceResult s : f.lastRun().sentences()) {
                    int steps = (s.frames() + r - 1) / r;
                    out.printf(Locale.ROOT, "  last run, sentence %d: %d %s in a batch of %d, decode %.0f ms"
                            + " (%.1f ms a %s), vocoder %.0f ms%n", s.index() + 1, steps,
                            forward ? "frames in one pass" : "steps", s.batchSize(), s.timings().decodeMillis(),
                            s.timings().decodeMillis() / steps, forward ? "frame" : "step", s.timings().vocoderMillis());
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try (Stream<Path> s = Files.walk(tmp)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary folder
                }
            }
        }
    }

    private static String untrainedNote(Path voiceFolder, Voice voice) {
        if (voiceFolder != null) {
            return "";
        }
        return voice.kind() == ModelKind.FORWARD
                ? " (untrained, " + ForwardBenchmark.CORPUS_FRAMES_PER_TOKEN + " frames a token)"
                : " (untrained, stop token off, cut at " + FRAMES_PER_CHARACTER + " frames a character + "
                        + SynthesisOptions.EXTRA_STEPS + " steps)";
    }

    public static void main(String[] args) {
        report(args.length > 0 ? Path.of(args[0]) : null, "small", 5, new PrintWriter(System.out, true));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
