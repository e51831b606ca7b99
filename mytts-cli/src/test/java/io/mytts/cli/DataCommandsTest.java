package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corpus build} and {@code prepare} end to end on a three-line flite corpus. */
class DataCommandsTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = MyTTSCommand.newCommandLine(false);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static void requireFlite() {
        boolean found = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "flite")));
        if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("flite is not installed; CI must install it");
        }
        Assumptions.assumeTrue(found, "flite is not installed (apt-get install flite)");
    }

    @Test
    void buildsAndPreparesACorpus() throws Exception {
        requireFlite();
        Path text = dir.resolve("t.txt");
        Files.writeString(text, "A-1|Hello there.\nA-2|Skipped by id.\nA-3|A short test sentence.\nA-4|The last one.\n");
        Files.writeString(dir.resolve("ex.txt"), "A-2\n");
        Path corpus = dir.resolve("corpus");
        Run build = run("corpus", "build", "--teacher", "flite:slt", "--text", text.toString(), "--exclude-ids",
                dir.resolve("ex.txt").toString(), "--limit", "3", "--out", corpus.toString());
        assertThat(build.status()).as(build.err()).isZero();
        assertThat(build.out()).contains("3 utterances (3 written now, 0 already there, 0 failed)");
        assertThat(build.err()).doesNotContain("deprecated");

        // The old name of --teacher still works: it resumes the same corpus, with one warning line.
        Run again = run("corpus", "build", "--voice", "flite:slt", "--text", text.toString(), "--exclude-ids",
                dir.resolve("ex.txt").toString(), "--limit", "3", "--out", corpus.toString());
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("(0 written now, 3 already there, 0 failed)");
        assertThat(again.err().lines().filter(l -> l.contains("--voice is deprecated")).count()).isEqualTo(1);

        Run prepare = run("prepare", "--data", corpus.toString(), "--preset", "tiny");
        assertThat(prepare.status()).as(prepare.err()).isZero();
        assertThat(prepare.out()).contains("3 listed, 3 kept, 0 skipped").contains("3 computed, 0 reused");
        assertThat(corpus.resolve("cache/manifest.json")).exists();
        assertThat(corpus.resolve("cache/symbols.json")).exists();
        Run reuse = run("prepare", "--data", corpus.toString(), "--preset", "tiny");
        assertThat(reuse.out()).contains("0 computed, 3 reused");
    }

    @Test
    void badTeacherIsBadInput() {
        Run r = run("corpus", "build", "--teacher", "festival:kal", "--text", "x", "--out", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("teacher 'festival:kal'").contains("flite:slt").doesNotContain("deprecated");
    }

    @Test
    void deprecatedVoiceOptionWarnsOnceAndIsStillParsed() {
        Run r = run("corpus", "build", "--voice", "festival:kal", "--text", "x", "--out", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(2);
        assertThat(r.err().lines().findFirst().orElseThrow())
                .isEqualTo("mytts: warning: --voice is deprecated in corpus build; use --teacher festival:kal");
        assertThat(r.err()).contains("teacher 'festival:kal'");
    }

    @Test
    void teacherAndItsOldNameTogetherAreBadInput() {
        Run r = run("corpus", "build", "--teacher", "flite:slt", "--voice", "flite:awb", "--text", "x",
                "--out", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("give only --teacher");
    }

    @Test
    void noTeacherIsBadInput() {
        Run r = run("corpus", "build", "--text", "x", "--out", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("needs --teacher");
    }

    @Test
    void helpNamesTeacherNotTheDeprecatedVoice() {
        Run r = run("corpus", "build", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--teacher").doesNotContain("--voice");
    }

    @Test
    void missingDatasetIsBadInput() {
        Run r = run("prepare", "--data", dir.resolve("none").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no such dataset");
    }
}
