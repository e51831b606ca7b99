package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.config.AudioConfig;
import io.mytts.data.CorpusBuilder;
import io.mytts.monitor.Progress;
import io.mytts.data.SubprocessTeacher;
import io.mytts.text.Language;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mytts corpus build}: an offline LJ Speech-format corpus spoken by teacher voices (flite, espeak-ng). */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Build training corpora offline.",
        subcommands = {CorpusCommand.Build.class})
final class CorpusCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Have teacher voices read transcripts into an LJ Speech-format corpus (metadata.csv, wavs/ID.wav).",
                "Several teachers make a multi-speaker corpus (speaker column last); transcripts are dealt to them in turn.",
                "Run it again with the same options to resume an interrupted build."})
    static final class Build implements Callable<Integer> {

        @Option(names = "--teacher", split = ",", paramLabel = "ENGINE:NAME",
                description = {"Teacher voices that read the transcripts, comma-separated: flite:slt, flite:awb,"
                        + " flite:rms, flite:kal16, espeak-ng:en-us, espeak-ng:fa (required)."})
        List<String> teachers;

        /** The old name of {@code --teacher}, still accepted with a warning. */
        @Option(names = "--voice", split = ",", hidden = true)
        List<String> deprecatedVoice;

        @Option(names = "--text", required = true, paramLabel = "FILE",
                description = "Transcripts, one id|text a line (e.g. ../shared/data/ljspeech/transcripts.txt).")
        Path text;

        @Option(names = "--exclude-ids", paramLabel = "FILE", description = "Ids to leave out, one a line (a test split).")
        Path excludeIds;

        @Option(names = "--limit", defaultValue = "2147483647", description = "Most utterances in all (default: all).")
        int limit;

        @Option(names = "--max-chars", defaultValue = "2147483647", description = "Leave out longer transcripts.")
        int maxChars;

        @Option(names = "--lang", converter = LanguageConverter.class, paramLabel = "LANG",
                description = {"Normalise the transcripts by this language's rules (en, fa) before the teachers read"
                        + " them, so the audio says what the model reads (numbers, dates, letter forms); metadata.csv"
                        + " keeps id|written|normalised. Default: read them as written."})
        Language lang;

        @Option(names = "--sample-rate", description = "Sample rate of the corpus (default: the model's, 22050).")
        Integer sampleRate;

        @Option(names = "--threads", description = "Synthesizers running at once (default: one per core).")
        Integer threads;

        @Option(names = "--pitch-spread", defaultValue = "0", paramLabel = "SEMITONES",
                description = {"Speak each utterance with its pitch moved by a shift uniform in ±SEMITONES (0 to 12),"
                        + " drawn from its id and --seed, so that the corpus has pitch variety (flite voices but rms,"
                        + " espeak-ng); the shifts go to pitch-shifts.tsv. Default 0: the teacher's own pitch."})
        double pitchSpread;

        @Option(names = "--seed", defaultValue = "0", description = "Seed of the pitch shifts (default 0).")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Corpus folder to write or resume.")
        Path out;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CorpusBuilder.checkPitchSpread(pitchSpread);
            CorpusBuilder.Builder b = CorpusBuilder.builder()
                    .setTeachers(teacherSpecs().stream().map(SubprocessTeacher::parse).toList())
                    .setTranscripts(text)
                    .setOutput(out)
                    .optLimit(limit)
                    .optMaxChars(maxChars)
                    .optPitchSpread(pitchSpread)
                    .optSeed(seed)
                    .optSampleRate(sampleRate != null ? sampleRate : AudioConfig.DEFAULT.sampleRate())
                    .optProgress(Progress.Factory.console(System.err));
            if (excludeIds != null) {
                b.optExcludeIds(excludeIds);
            }
            if (threads != null) {
                b.optThreads(threads);
            }
            if (lang != null) {
                b.optNormalizeAs(lang);
            }
            CorpusBuilder.Result r = b.build().build();
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%s: %d utterances (%d written now, %d already there, %d failed)%n",
                    r.metadata(), r.total() - r.failures().size(), r.written(), r.alreadyPresent(), r.failures().size());
            r.failures().stream().limit(20).forEach(f -> o.println("  failed: " + f));
            if (r.failures().size() > 20) {
                o.println("  ... and " + (r.failures().size() - 20) + " more");
            }
            return r.failures().isEmpty() ? 0 : 1;
        }

        /** {@code --teacher}, or its deprecated alias {@code --voice} with one warning; exactly one of them. */
        private List<String> teacherSpecs() {
            if (teachers != null && deprecatedVoice != null) {
                throw new InvalidInputException("--voice is the old name of --teacher: give only --teacher");
            }
            if (deprecatedVoice != null) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("mytts: warning: --voice is deprecated in corpus build; use --teacher "
                        + String.join(",", deprecatedVoice));
                err.flush();
                return deprecatedVoice;
            }
            if (teachers == null) {
                throw new InvalidInputException("corpus build needs --teacher ENGINE:NAME, e.g. --teacher flite:slt");
            }
            return teachers;
        }
    }
}
