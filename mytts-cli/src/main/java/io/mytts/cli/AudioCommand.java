package io.mytts.cli;

import io.mytts.audio.AudioBenchmark;
import io.mytts.audio.AudioClip;
import io.mytts.audio.GriffinLim;
import io.mytts.audio.MelSpectrogram;
import io.mytts.audio.Npy;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.config.ConfigFiles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mytts audio mel|invert|bench}: log-mel extraction, Griffin-Lim inversion, and their benchmark. */
@Command(name = "audio", mixinStandardHelpOptions = true,
        description = "Log-mel spectrograms from WAV files, Griffin-Lim back to audio, and a benchmark.",
        subcommands = {AudioCommand.Mel.class, AudioCommand.Invert.class, AudioCommand.Bench.class})
final class AudioCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The audio section of a config file, or the reference convention. */
    static AudioConfig audioConfig(Path configFile) {
        return configFile == null ? AudioConfig.DEFAULT : ConfigFiles.read(configFile).audio();
    }

    /** {@code in} with its extension replaced. */
    static Path withExtension(Path in, String ext) {
        String name = in.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return in.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ext);
    }

    @Command(name = "mel", mixinStandardHelpOptions = true,
            description = "Write the log-mel spectrogram of a WAV file as a float32 .npy of shape (frames, n_mels)"
                    + " (80 by default), resampled to the model rate (22050 Hz by default) first.")
    static final class Mel implements Callable<Integer> {

        @Parameters(paramLabel = "IN.wav", description = "WAV file: 8/16/24/32-bit PCM or 32-bit float, any rate, any channels.")
        Path input;

        @Option(names = {"-o", "--output"}, paramLabel = "OUT.npy", description = "Output file (default: IN with .npy).")
        Path output;

        @Option(names = "--config", paramLabel = "FILE", description = "Take the audio settings from this config file.")
        Path config;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            AudioConfig c = audioConfig(config);
            AudioClip clip = WavIO.read(input);
            float[][] logMel = new MelSpectrogram(c).compute(clip);
            if (logMel.length == 0) {
                throw new io.mytts.InvalidInputException(input + ": too short for one mel frame ("
                        + clip.samples().length + " samples at " + clip.sampleRate() + " Hz; need at least "
                        + c.hopLength() + " at " + c.sampleRate() + " Hz)");
            }
            Path out = output != null ? output : withExtension(input, ".npy");
            Npy.write(out, logMel, c.nMels());
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: (%d, %d) log-mel from %.2f s at %d Hz%n",
                    out, logMel.length, c.nMels(), clip.durationSeconds(), clip.sampleRate());
            return 0;
        }
    }

    @Command(name = "invert", mixinStandardHelpOptions = true,
            description = "Turn a log-mel .npy of shape (frames, n_mels) back into a 16-bit WAV with fast Griffin-Lim.")
    static final class Invert implements Callable<Integer> {

        @Parameters(paramLabel = "IN.npy", description = "float32 log-mel of shape (frames, n_mels), as 'audio mel' writes.")
        Path input;

        @Option(names = {"-o", "--output"}, paramLabel = "OUT.wav", description = "Output file (default: IN with .wav).")
        Path output;

        @Option(names = "--iterations", defaultValue = "32", description = "Griffin-Lim iterations (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--momentum", defaultValue = "0.99", description = "Fast Griffin-Lim momentum, 0 to 1 (default: ${DEFAULT-VALUE}).")
        double momentum;

        @Option(names = "--power", defaultValue = "1.0", description = "Magnitude exponent; above 1 sharpens (default: ${DEFAULT-VALUE}).")
        double power;

        @Option(names = "--seed", defaultValue = "0", description = "Seed of the initial phase (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--config", paramLabel = "FILE", description = "Take the audio settings from this config file.")
        Path config;

        @Option(names = "--vocoder", paramLabel = "DIR",
                description = "A neural vocoder folder to use instead of Griffin-Lim (its own audio settings apply).")
        Path vocoder;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (vocoder != null) {
                return invertWithVocoder();
            }
            AudioConfig c = audioConfig(config);
            GriffinLim gl;
            try {
                gl = GriffinLim.builder().optAudioConfig(c).optIterations(iterations).optMomentum(momentum)
                        .optPower(power).optSeed(seed).build();
            } catch (IllegalArgumentException e) {
                throw new io.mytts.InvalidInputException("audio invert: " + e.getMessage());
            }
            float[][] logMel = Npy.readMatrix(input, c.nMels());
            if (logMel.length == 0) {
                throw new io.mytts.InvalidInputException(input + ": the log-mel has no frames, so there is nothing to invert");
            }
            checkFinite(logMel);
            float[] audio = gl.synthesize(logMel);
            Path out = output != null ? output : withExtension(input, ".wav");
            WavIO.write(out, audio, gl.sampleRate());
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %.2f s at %d Hz from %d frames (%d Griffin-Lim iterations)%n",
                    out, audio.length / (double) gl.sampleRate(), gl.sampleRate(), logMel.length, iterations);
            return 0;
        }

        private Integer invertWithVocoder() {
            try (io.mytts.vocoder.NeuralVocoder v = io.mytts.vocoder.NeuralVocoder.load(vocoder)) {
                if (config != null) {
                    v.checkCompatible(audioConfig(config), config.toString());
                }
                float[][] logMel = Npy.readMatrix(input, v.audioConfig().nMels());
                if (logMel.length == 0) {
                    throw new io.mytts.InvalidInputException(input + ": the log-mel has no frames, so there is nothing to invert");
                }
                checkFinite(logMel);
                long start = System.nanoTime();
                float[] audio = v.synthesize(logMel);
                double seconds = (System.nanoTime() - start) / 1e9;
                Path out = output != null ? output : withExtension(input, ".wav");
                WavIO.write(out, audio, v.sampleRate());
                double duration = audio.length / (double) v.sampleRate();
                spec.commandLine().getOut().printf(Locale.ROOT,
                        "%s: %.2f s at %d Hz from %d frames (neural vocoder %s, real-time factor %.3f)%n",
                        out, duration, v.sampleRate(), logMel.length, vocoder, seconds / duration);
                return 0;
            }
        }

        private void checkFinite(float[][] logMel) {
            for (int t = 0; t < logMel.length; t++) {
                for (float v : logMel[t]) {
                    if (!Float.isFinite(v) || v > 30) {
                        throw new io.mytts.InvalidInputException(input + ": frame " + t + " holds " + v
                                + ", not a natural-log mel value; is this a log-mel from 'audio mel'?");
                    }
                }
            }
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measure log-mel speed, resampling speed, and Griffin-Lim's real-time factor and"
                    + " spectral convergence on real speech (made with flite unless --wav is given).")
    static final class Bench implements Callable<Integer> {

        @Option(names = "--wav", paramLabel = "FILE", description = "Speech WAV for Griffin-Lim (default: a flite utterance).")
        Path wav;

        @Option(names = "--seconds", defaultValue = "3600", description = "Seconds of audio for the log-mel timing (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--repeats", defaultValue = "3", description = "Timed runs per measurement; the median is reported (default: ${DEFAULT-VALUE}).")
        int repeats;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!(seconds > 0) || repeats < 1) {
                throw new io.mytts.InvalidInputException("audio bench: need --seconds > 0 and --repeats >= 1");
            }
            java.io.PrintWriter out = spec.commandLine().getOut();
            AudioBenchmark.run(wav, seconds, repeats, out);
            out.flush();
            return 0;
        }
    }
}
