package io.mytts.cli;

import io.mytts.audio.WavIO;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Voice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mytts say "TEXT" -o out.wav}: the main job, speech from text. */
@Command(name = "say", mixinStandardHelpOptions = true,
        description = "Speak TEXT into a WAV file with a voice (the bundled one by default).")
final class SayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TEXT", description = "What to say.")
    String text;

    @Option(names = {"-o", "--output"}, defaultValue = "out.wav", description = "WAV file to write (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--voice", paramLabel = "DIR", description = "A voice folder; default: the first voice under voices/.")
    Path voice;

    @Option(names = "--play", description = "Also play the speech on the default audio device.")
    boolean play;

    @Mixin
    SynthesisMixin synthesis;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var options = synthesis.options(); // bad options are reported even without a voice
        if (text == null || text.isBlank()) {
            throw new io.mytts.InvalidInputException("nothing to say: the text is empty");
        }
        Optional<Path> found = Voices.resolve(voice);
        if (found.isEmpty()) {
            out.println("mytts say: no voice is bundled in " + Voices.bundledRoot() + " yet, so no speech was"
                    + " written. Pass --voice DIR (a folder with voice.json), or package a trained checkpoint"
                    + " with './mytts voice pack'.");
            return 0;
        }
        try (Voice v = Voice.load(found.get())) {
            SynthesisResult r = synthesis.synthesizer(v).synthesize(text, options);
            WavIO.write(output, r.audio());
            out.printf(Locale.ROOT, "%s: %.2f s of speech at %d Hz, %d sentence(s), voice %s; made in %.2f s"
                    + " (real-time factor %.2f, first audio after %.2f s)%n", output, r.durationSeconds(),
                    r.audio().sampleRate(), r.sentences().size(), v.name(), r.totalMillis() / 1000,
                    r.realTimeFactor(), r.timeToFirstAudioMillis() / 1000);
            long cut = r.sentences().stream().filter(s -> s.hitStepCap()).count();
            if (cut > 0) {
                out.printf("warning: %d sentence(s) reached the step cap without the stop token and were cut%n", cut);
            }
            if (play) {
                out.println(play(r.audio().samples(), r.audio().sampleRate()));
            }
        }
        return 0;
    }

    /** Plays 16-bit mono audio on the default device; says what happened. */
    static String play(float[] samples, int rate) {
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
            line.open(format);
            line.start();
            byte[] bytes = new byte[samples.length * 2];
            for (int i = 0; i < samples.length; i++) {
                int v = (int) Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767);
                bytes[2 * i] = (byte) v;
                bytes[2 * i + 1] = (byte) (v >> 8);
            }
            line.write(bytes, 0, bytes.length);
            line.drain();
            return "played " + String.format(Locale.ROOT, "%.2f", samples.length / (double) rate) + " s";
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            return "cannot play: no audio output device is available here (" + e.getMessage()
                    + "); the WAV file holds the speech";
        }
    }
}
