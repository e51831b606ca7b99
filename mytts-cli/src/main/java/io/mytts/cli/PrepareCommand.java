package io.mytts.cli;

import io.mytts.config.ConfigFiles;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.data.Dataset;
import io.mytts.data.DatasetReader;
import io.mytts.data.DatasetValidator;
import io.mytts.data.FeaturePreparer;
import io.mytts.data.FrontEndEncoder;
import io.mytts.monitor.Progress;
import io.mytts.data.ValidationReport;
import io.mytts.text.Language;
import io.mytts.text.TokenizerKind;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mytts prepare --data DIR}: validate a dataset and cache its log-mels and token ids. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"Check a dataset and compute its log-mels and token ids once, into a feature cache.",
            "Incremental: only new or changed utterances are computed; changed audio or text settings rebuild the cache.",
            "Each skipped item is reported with its file and line."})
final class PrepareCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "An LJ Speech folder (metadata.csv, wavs/) or a file list (path|text|speaker lines).")
    Path data;

    @Option(names = "--cache", paramLabel = "DIR", description = "Where the features go (default: DATA/cache).")
    Path cache;

    @Option(names = "--config", paramLabel = "FILE", description = "A config file: its audio section and train.max_frames apply.")
    Path config;

    @Option(names = "--preset", defaultValue = "normal", description = "Preset when no --config is given (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--language", defaultValue = "en", description = "Transcript language: en, fa or auto (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--tokenizer", defaultValue = "characters",
            description = "characters or phonemes (espeak-ng) (default: ${DEFAULT-VALUE}).")
    TokenizerKind tokenizer;

    @Option(names = "--threads", description = "Worker threads (default: one per core).")
    Integer threads;

    @Option(names = "--validate-only", description = "Only check the dataset and print the report; write no cache.")
    boolean validateOnly;

    @Option(names = "--show-skipped", defaultValue = "50", description = "Skipped items to list (default: ${DEFAULT-VALUE}).")
    int showSkipped;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TTSConfig c = config != null ? ConfigFiles.read(config) : Presets.config(preset);
        Dataset dataset = new DatasetReader().read(data);
        PrintWriter out = spec.commandLine().getOut();
        if (validateOnly) {
            ValidationReport r = new DatasetValidator(c.audio(), c.train().maxFrames()).validate(dataset);
            r.lines(showSkipped).forEach(out::println);
            return 0;
        }
        Path cacheDir = cache != null ? cache
                : (Files.isDirectory(data) ? data : data.toAbsolutePath().getParent()).resolve("cache");
        Language lang = "auto".equalsIgnoreCase(language) ? null : Language.fromCode(language);
        FeaturePreparer.Builder b = FeaturePreparer.builder().setDataset(dataset).setCacheDir(cacheDir)
                .setTextEncoder(new FrontEndEncoder(tokenizer, lang)).optAudioConfig(c.audio())
                .optMaxFrames(c.train().maxFrames()).optProgress(Progress.Factory.console(System.err));
        if (threads != null) {
            b.optThreads(threads);
        }
        FeaturePreparer.Result r = b.build().prepare();
        if (r.invalidated()) {
            out.println("the audio or text settings changed: the old features were discarded");
        }
        r.report().lines(showSkipped).forEach(out::println);
        out.printf("%s: %d utterances (%d computed, %d reused) in %.1f s%n", r.cacheDir(), r.report().kept(),
                r.computed(), r.reused(), r.elapsed().toMillis() / 1000.0);
        return 0;
    }
}
