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
        requireProgram("flite");
    }

    private static void requireProgram(String program) {
        boolean found = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
        if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(program + " is not installed; CI must install it");
        }
        Assumptions.assumeTrue(found, program + " is not installed (apt-get install " + program + ")");
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

    /** The Persian recipe of docs/persian.md on three sentences: espeak-ng reads the normalised text, phonemes prepared. */
    @Test
    void buildsAndPreparesAPersianCorpusFromNormalisedText() throws Exception {
        requireProgram("espeak-ng");
        Path text = dir.resolve("fa.txt");
        Files.writeString(text, "fa-1|قیمت ۳٫۵ دلار است.\nfa-2|\u0643تاب\u200Cها را ۲۸ مهر خریدم.\nfa-3|سلام، خوبی؟\n");
        Path corpus = dir.resolve("corpus-fa");
        Run build = run("corpus", "build", "--teacher", "espeak-ng:fa", "--lang", "fa", "--text", text.toString(),
                "--out", corpus.toString());
        assertThat(build.status()).as(build.err()).isZero();
        assertThat(Files.readAllLines(corpus.resolve("metadata.csv"))).containsExactly(
                "fa-1|قیمت ۳٫۵ دلار است.|قیمت سه و پنج دهم دلار است.",
                "fa-2|\u0643تاب\u200Cها را ۲۸ مهر خریدم.|کتاب\u200Cها را بیست و هشتم مهر خریدم.",
                "fa-3|سلام، خوبی؟|سلام، خوبی؟");
        Run prepare = run("prepare", "--data", corpus.toString(), "--preset", "tiny", "--tokenizer", "phonemes",
                "--language", "fa");
        assertThat(prepare.status()).as(prepare.err()).isZero();
        assertThat(prepare.out()).contains("3 listed, 3 kept, 0 skipped");
        assertThat(Files.readString(corpus.resolve("cache/manifest.json")))
                .contains("\"tokenizer\" : \"phonemes\"").contains("\"language\" : \"fa\"");
    }

    @Test
    void unknownCorpusLanguageIsBadInput() {
        Run r = run("corpus", "build", "--teacher", "espeak-ng:fa", "--lang", "de", "--text", "x", "--out", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown language 'de'");
    }

    @Test
    void pitchSpreadOutOfRangeIsBadInput() {
        for (String bad : new String[] {"-1", "13", "NaN"}) {
            Run r = run("corpus", "build", "--teacher", "flite:slt", "--text", "x", "--pitch-spread", bad,
                    "--out", dir.toString());
            assertThat(r.status()).as(bad).isEqualTo(2);
            assertThat(r.err()).contains("--pitch-spread must be between 0 and 12");
        }
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
