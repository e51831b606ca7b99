package io.mytts.cli;

import io.mytts.config.ConfigFiles;
import io.mytts.config.ConfigKeys;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mytts config show|validate}: presets as JSON, and checks of config files. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show presets and validate configuration files.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Validate.class})
final class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a preset's full configuration as JSON (model, audio, train; forward for a forward preset).")
    static final class Show implements Callable<Integer> {

        @Option(names = "--preset", defaultValue = "normal",
                description = "One of: tiny, small, normal, large, forward-tiny, forward-small (default: ${DEFAULT-VALUE}).")
        String preset;

        @Option(names = "--model-only", description = "Print only the model section.")
        boolean modelOnly;

        @Option(names = "--describe", description = "List every key instead: its value here, its type and what it means.")
        boolean describe;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TTSConfig c = Presets.config(preset);
            PrintWriter out = spec.commandLine().getOut();
            if (describe) {
                for (ConfigKeys.Key k : ConfigKeys.describe(c)) {
                    if (!modelOnly || k.section().equals("model")) {
                        out.printf(Locale.ROOT, "%-30s %-12s %s; %s%n", k.section() + "." + k.name(),
                                k.value().isMissingNode() ? "(unset)" : k.value().toString(), k.description(), k.type());
                    }
                }
                return 0;
            }
            out.print(modelOnly ? ConfigFiles.toJson(c.model()) : ConfigFiles.toJson(c));
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a config file: unknown keys, types and value ranges."
                    + " Prints the resolved config (defaults filled in) when it is valid.")
    static final class Validate implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The JSON file to check.")
        Path file;

        @Option(names = "--quiet", description = "Print nothing when the file is valid.")
        boolean quiet;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TTSConfig c = ConfigFiles.read(file);
            if (!quiet) {
                spec.commandLine().getOut().println(file + ": valid");
                spec.commandLine().getOut().print(ConfigFiles.toJson(c));
            }
            return 0;
        }
    }
}
