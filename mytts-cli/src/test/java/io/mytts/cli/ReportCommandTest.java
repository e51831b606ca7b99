package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.monitor.AlignmentPlot;
import io.mytts.monitor.RunFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = MyTTSCommand.newCommandLine(false);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void writesTheReportOfARunFolder(@TempDir Path dir) throws Exception {
        RunFolder run = RunFolder.create(dir.resolve("run"));
        for (int step = 0; step <= 100; step += 10) {
            run.appendMetrics(step, Map.of("loss", 1.0 / (1 + step), "lr", 1e-3, "grad_norm", 2.0));
        }
        float[][] a = new float[20][5];
        for (int s = 0; s < 20; s++) {
            a[s][s / 4] = 1;
        }
        AlignmentPlot.builder().setAlignment(a).build().writePng(run.alignmentFile(100, "val0"));
        Files.writeString(run.metricsFile(), "{broken\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(run("report", dir.resolve("run").toString())).isZero();
        Path page = dir.resolve("run/report.html");
        assertThat(page).exists();
        assertThat(Files.readString(page)).contains("<svg", "data:image/png;base64,");
        assertThat(out.toString()).contains("report.html", "11 log lines up to step 100", "3 charts", "1 alignment plots");
        assertThat(err.toString()).contains("warning: metrics.jsonl line 12: not JSON");

        Path elsewhere = dir.resolve("out/page.html");
        assertThat(run("report", dir.resolve("run").toString(), "-o", elsewhere.toString())).isZero();
        assertThat(elsewhere).exists();
    }

    @Test
    void aFolderThatIsNoRunIsABadInput(@TempDir Path dir) {
        assertThat(run("report", dir.toString())).isEqualTo(ErrorHandler.BAD_INPUT);
        assertThat(err.toString()).startsWith("mytts: ").contains("no metrics.jsonl").doesNotContain("Exception");
        assertThat(run("report", dir.resolve("missing").toString())).isEqualTo(ErrorHandler.BAD_INPUT);
        assertThat(err.toString()).contains("no such folder");
    }
}
