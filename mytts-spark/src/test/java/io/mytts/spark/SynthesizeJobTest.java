package io.mytts.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.audio.WavIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The job as its command line runs it, on the shared local[2] session (which it leaves running). */
class SynthesizeJobTest {

    @TempDir
    static Path dir;
    static String voice;
    static SparkSession spark;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
        voice = TinyVoice.write(dir.resolve("tiny"));
    }

    @Test
    void aTextFileBecomesAFolderOfWavsAndAManifestWithLineNumbersAsIds() throws Exception {
        Path input = Files.writeString(dir.resolve("lines.txt"), "the printer.\n\n  said nothing at all.  \nof books.\n");
        Path out = dir.resolve("from-text");

        SynthesizeJob job = new SynthesizeJob();
        int status = run(job, "--input", input.toString(), "--output", out.toString(), "--voice", voice,
                "--partitions", "3");

        assertThat(status).as(err.toString()).isZero();
        Map<String, Row> manifest = manifest(out);
        assertThat(manifest.keySet()).containsExactlyInAnyOrder("000001", "000003", "000004");
        assertThat((String) manifest.get("000003").getAs(SpeechColumns.TEXT)).isEqualTo("said nothing at all.");
        assertThat(List.of(spark.read().parquet(out.resolve(SynthesizeJob.MANIFEST).toString()).columns()))
                .doesNotContain(SpeechColumns.AUDIO).contains(SpeechColumns.PATH, SpeechColumns.ERROR);
        double seconds = 0;
        for (Row r : manifest.values()) {
            Path wav = out.resolve(SynthesizeJob.WAVS).resolve(r.getAs(SpeechColumns.ID) + ".wav");
            assertThat((String) r.getAs(SpeechColumns.PATH)).isEqualTo("file:" + wav.toAbsolutePath());
            assertThat(WavIO.read(wav).durationSeconds()).isEqualTo((double) r.getAs(SpeechColumns.DURATION));
            seconds += r.<Double>getAs(SpeechColumns.DURATION);
        }
        assertThat(job.summary().rows()).isEqualTo(3);
        assertThat(job.summary().failed()).isZero();
        assertThat(job.summary().characters()).isEqualTo("the printer.said nothing at all.of books.".length());
        assertThat(job.summary().audioSeconds()).isCloseTo(seconds, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(spark.sparkContext().isStopped()).as("a session it did not start is left running").isFalse();
    }

    @Test
    void aCsvWithABadRowWritesTheOthersAndExitsWithStatusTwo() throws Exception {
        Path input = Files.writeString(dir.resolve("rows.csv"), """
                id,text,speaker
                a,"the printer, he said",
                b,,
                c,of books,somebody
                """, StandardCharsets.UTF_8);
        Path out = dir.resolve("from-csv");

        int status = run(new SynthesizeJob(), "--input", input.toString(), "--output", out.toString(),
                "--voice", voice);

        assertThat(status).isEqualTo(SynthesizeJob.BAD_INPUT);
        Map<String, Row> manifest = manifest(out);
        assertThat(manifest).containsOnlyKeys("a", "b", "c");
        assertThat((String) manifest.get("a").getAs(SpeechColumns.ERROR)).isNull();
        assertThat((String) manifest.get("b").getAs(SpeechColumns.ERROR)).contains("empty");
        assertThat((String) manifest.get("c").getAs(SpeechColumns.ERROR)).contains("unknown speaker 'somebody'");
        assertThat(out.resolve(SynthesizeJob.WAVS).resolve("a.wav")).isRegularFile();
        assertThat(out.resolve(SynthesizeJob.WAVS).resolve("b.wav")).doesNotExist();
        assertThat(err.toString()).contains("row b:").contains("row c:");
    }

    @Test
    void parquetInputWithARowsOwnVoice() {
        String other = TinyVoice.write(dir.resolve("other"));
        Path input = dir.resolve("in.parquet");
        spark.createDataFrame(List.of(RowFactory.create(1L, "the printer", null), RowFactory.create(2L, "said", other)),
                new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType)
                        .add("voice", DataTypes.StringType))
                .write().parquet(input.toString());
        Path out = dir.resolve("from-parquet");

        int status = run(new SynthesizeJob(), "--input", input.toString(), "--output", out.toString(),
                "--voice", voice, "--partitions", "1");

        assertThat(status).as(err.toString()).isZero();
        Map<String, Row> manifest = manifest(out);
        assertThat((String) manifest.get("1").getAs(SpeechColumns.VOICE)).isEqualTo(voice);
        assertThat((String) manifest.get("2").getAs(SpeechColumns.VOICE)).isEqualTo(other);
        assertThat(ExecutorVoices.loads(other)).isEqualTo(1);
    }

    @Test
    void badInputIsOneLineAndStatusTwo() {
        Path out = dir.resolve("never");

        int missing = run(new SynthesizeJob(), "--input", dir.resolve("nothing.csv").toString(), "--output",
                out.toString(), "--voice", voice);
        int noVoice = run(new SynthesizeJob(), "--input", "x.txt", "--output", out.toString(), "--voice", " ");

        assertThat(missing).isEqualTo(SynthesizeJob.BAD_INPUT);
        assertThat(noVoice).isEqualTo(SynthesizeJob.BAD_INPUT);
        assertThat(err.toString()).contains("mytts-spark: cannot read").contains("nothing.csv")
                .contains("needs a voice folder");
    }

    private int run(SynthesizeJob job, String... args) {
        CommandLine cl = SynthesizeJob.commandLine(job);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    private static Map<String, Row> manifest(Path out) {
        Map<String, Row> byId = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve(SynthesizeJob.MANIFEST).toString()).collectAsList()) {
            byId.put(r.getAs(SpeechColumns.ID), r);
        }
        return byId;
    }
}
