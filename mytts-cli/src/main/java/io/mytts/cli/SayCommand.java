package io.mytts.cli;

import io.mytts.audio.WavIO;
import io.mytts.ssml.SsmlDocument;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.Voice;
import io.mytts.text.Language;
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
        description = "Speak TEXT into a WAV file with a voice (the bundled one by default). The file is written"
                + " sentence by sentence as the speech is made, so a text of any length runs in flat memory.")
final class SayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TEXT", arity = "0..1",
            description = "What to say; '-' or nothing: read it from standard input.")
    String text;

    @Option(names = "--ssml", description = "TEXT is an SSML document (<speak>...</speak>; see docs/ssml.md).")
    boolean ssml;

    @Option(names = "--timestamps", paramLabel = "FILE",
            description = "Also write when each sentence, word and SSML mark is said: WebVTT subtitles for a .vtt"
                    + " file, JSON otherwise.")
    Path timestamps;

    @Option(names = {"-o", "--output"}, defaultValue = "out.wav", description = "WAV file to write (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--voice", paramLabel = "NAME|DIR", description = "A voice: the name of a bundled one or a"
            + " voice folder; default: the first voice under voices/ that speaks the text's language.")
    Path voice;

    @Option(names = "--lang", paramLabel = "LANG", converter = LanguageConverter.class,
            description = "The text's language, en or fa, to choose the bundled voice by (default: told from the"
                    + " text's script).")
    Language lang;

    @Option(names = "--play", description = "Also play the speech on the default audio device.")
    boolean play;

    @Mixin
    SynthesisMixin synthesis;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // Bad options are reported even without a voice. Each sentence's result and times are kept
        // only for --timestamps, so that a text of any length runs in flat memory.
        var options = synthesis.options().toBuilder().optKeepSentences(timestamps != null).build();
        if (text == null && System.console() != null) {
            throw new io.mytts.InvalidInputException("nothing to say: give TEXT, or pipe text in (echo Hello |"
                    + " mytts say -o out.wav)");
        }
        String said = text == null || text.equals(SpeechOutput.STDIN) ? SpeechOutput.readStdin() : text;
        if (said.isBlank()) {
            throw new io.mytts.InvalidInputException("nothing to say: the text is empty");
        }
        Optional<Path> found = Voices.resolve(voice, lang, said);
        if (found.isEmpty()) {
            out.println("mytts say: no voice is bundled in " + Voices.bundledRoot() + " yet, so no speech was"
                    + " written. Pass --voice DIR (a folder with voice.json), or package a trained checkpoint"
                    + " with './mytts voice pack'.");
            return 0;
        }
        try (Voice v = Voice.load(found.get())) {
            SsmlDocument document = SpeechOutput.document(said, ssml, v);
            Synthesizer synth = synthesis.synthesizer(v);
            // Playing needs all the samples; otherwise they go to the file as they come.
            SynthesisResult r = play ? synth.synthesize(document, options)
                    : SpeechOutput.speakInto(output, synth, document, options);
            if (play) {
                WavIO.write(output, r.audio());
            }
            SpeechOutput.printWarnings(r, spec.commandLine().getErr());
            SpeechOutput.printRepairs(r, out);
            out.printf(Locale.ROOT, "%s: %.2f s of speech at %d Hz, %d sentence(s), voice %s; made in %.2f s"
                    + " (real-time factor %.2f, first audio after %.2f s)%n", output, r.durationSeconds(),
                    synth.sampleRate(), r.sentenceCount(), v.name(), r.totalMillis() / 1000,
                    r.realTimeFactor(), r.timeToFirstAudioMillis() / 1000);
            long cut = r.cutSentences();
            if (cut > 0) {
                out.printf("warning: %d sentence(s) reached the step cap without the stop token and were cut%n", cut);
            }
            if (timestamps != null) {
                SpeechOutput.writeTimestamps(timestamps, r.timeline());
                out.println("timestamps: " + timestamps);
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
