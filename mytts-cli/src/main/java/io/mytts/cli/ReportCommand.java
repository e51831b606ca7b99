package io.mytts.cli;

import io.mytts.monitor.TrainingReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mytts report RUN [-o report.html]}: one self-contained HTML page about a training run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page about a training run: charts of the losses,"
                + " learning rate, gradient norms and diagonality, the latest alignment plots and"
                + " validation samples, and the configuration. It opens offline in any browser.",
            "RUN is the folder the trainer writes (metrics.jsonl, config.json, alignments/, samples/)."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "The run folder.")
    Path run;

    @Option(names = {"-o", "--output"}, description = "The HTML file to write (default: RUN/report.html).")
    Path output;

    @Option(names = "--window", defaultValue = "100",
            description = "Log lines the statistics table covers (default: ${DEFAULT-VALUE}).")
    int window;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (window < 1) {
            throw new io.mytts.InvalidInputException("--window must be at least 1, not " + window);
        }
        Path out = output != null ? output : run.resolve("report.html");
        TrainingReport.Summary s = TrainingReport.builder().setRunFolder(run).optSummaryWindow(window).build().write(out);
        PrintWriter err = spec.commandLine().getErr();
        s.problems().forEach(p -> err.println("mytts report: warning: " + p));
        err.flush();
        spec.commandLine().getOut().printf(Locale.ROOT,
                "wrote %s (%d KB): %d log lines up to step %d, %d charts, %d alignment plots, %d samples%n",
                out, Files.size(out) / 1024, s.metricLines(), s.lastStep(), s.charts(), s.alignmentPlots(), s.samples());
        return 0;
    }
}
