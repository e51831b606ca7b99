package io.mytts.cli;

import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.eval.ReferenceMeasures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mytts compare REFERENCE.wav SYNTHESIZED.wav}: the objective measures of one pair of recordings. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Measure a synthesized (or processed) WAV against a reference recording of the same words:"
                + " mel cepstral distortion, STOI, extended STOI, log-F0 RMSE (cents) and voicing decision error."
                + " Both are resampled to the model rate (22050 Hz by default) first. Time-aligned by default"
                + " (copy synthesis, a vocoder's output); --warped aligns by dynamic time warping (TTS output).")
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REFERENCE.wav", description = "The reference (clean) recording.")
    Path reference;

    @Parameters(index = "1", paramLabel = "SYNTHESIZED.wav", description = "The signal to measure.")
    Path synthesized;

    @Option(names = "--warped", description = "The two differ in timing (TTS output): align by dynamic time warping.")
    boolean warped;

    @Option(names = "--config", paramLabel = "FILE", description = "Take the audio settings from this config file.")
    Path config;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        AudioConfig audio = AudioCommand.audioConfig(config);
        AudioClip ref = WavIO.read(reference);
        AudioClip syn = WavIO.read(synthesized);
        ReferenceMeasures.Alignment alignment =
                warped ? ReferenceMeasures.Alignment.WARPED : ReferenceMeasures.Alignment.TIME_ALIGNED;
        long start = System.nanoTime();
        ReferenceMeasures m = ReferenceMeasures.compare(syn, ref, audio, alignment);
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s (%.2f s, %d Hz) against %s (%.2f s, %d Hz), %s, at %d Hz%n", synthesized,
                syn.durationSeconds(), syn.sampleRate(), reference, ref.durationSeconds(), ref.sampleRate(),
                warped ? "time-warped" : "time-aligned", audio.sampleRate());
        String noStoi = "n/a (STOI needs 384 ms of speech)";
        out.println("  MCD            " + value("%7.2f dB", m.mcd(), "n/a (shorter than one frame)"));
        out.println("  STOI           " + value("%7.3f", m.stoi(), noStoi));
        out.println("  ESTOI          " + value("%7.3f", m.estoi(), noStoi));
        out.println("  F0 RMSE        " + value("%7.1f cents (frames voiced in both)", m.f0RmseCents(),
                "n/a (no frame voiced in both)"));
        out.println("  voicing error  " + value("%7.1f%%", 100 * m.voicingError(), "n/a"));
        out.printf(Locale.ROOT, "measured in %.2f s (%.3f s per second of reference audio, one JVM start excluded)%n",
                seconds, seconds / ref.durationSeconds());
        return 0;
    }

    private static String value(String format, double v, String whenMissing) {
        return Double.isNaN(v) ? whenMissing : String.format(Locale.ROOT, format, v);
    }
}
