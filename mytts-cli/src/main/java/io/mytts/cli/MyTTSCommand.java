package io.mytts.cli;

import io.mytts.text.TokenizerKind;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** The {@code mytts} command: one subcommand a class, each with its own {@code --help}. */
@Command(
        name = "mytts",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Neural text-to-speech for the JVM: train voices and synthesize speech.",
        subcommands = {
            SayCommand.class,
            SynthesizeCommand.class,
            EvalCommand.class,
            CompareCommand.class,
            SpeakersCommand.class,
            BenchCommand.class,
            VoiceCommand.class,
            ConfigCommand.class,
            AudioCommand.class,
            VocoderCommand.class,
            ReportCommand.class,
            CorpusCommand.class,
            PrepareCommand.class,
            ModelCommand.class,
            TextCommand.class,
            TrainCommand.class,
            AdaptCommand.class,
            DurationsCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MyTTSCommand implements Runnable {

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log details and show stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line and returns its exit status (0 ok, 1 internal error, 2 bad input).
     * Flushes what the command printed: picocli's writers buffer, and {@code System.exit} does not
     * flush them, so without this a command that prints with {@code print} shows nothing.
     */
    public static int execute(String... args) {
        boolean verbose = Logging.configure(args);
        CommandLine cl = newCommandLine(verbose);
        // Asked of the root before running, the writers are made once and shared by every subcommand.
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine newCommandLine(boolean verbose) {
        CommandLine cl = new CommandLine(new MyTTSCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler(verbose));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(TokenizerKind.class, TokenizerKind::parse); // also takes the short "chars"
        return cl;
    }
}
