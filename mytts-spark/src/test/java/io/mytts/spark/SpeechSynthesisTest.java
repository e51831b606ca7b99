package io.mytts.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.Voice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transformation in local[2] mode on a tiny untrained voice. */
class SpeechSynthesisTest {

    private static final StructType TEXTS = new StructType()
            .add(SpeechColumns.ID, DataTypes.StringType)
            .add(SpeechColumns.TEXT, DataTypes.StringType);
    private static final StructType FULL = TEXTS
            .add(SpeechColumns.VOICE, DataTypes.StringType)
            .add(SpeechColumns.SPEAKER, DataTypes.StringType);
    private static final String[] WORDS = {"the", "printer", "of", "books", "said", "nothing", "at", "all", "today"};

    @TempDir
    static Path dir;
    static String voice;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
        voice = TinyVoice.write(dir.resolve("tiny"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 11})
    void theSameSeedGivesTheSameBytesWhateverThePartitioning(long seed) {
        Dataset<Row> texts = texts(new Random(seed), 6);
        SpeechSynthesis same = SpeechSynthesis.builder().setVoice(voice).optSeed(seed).optTemperature(1.5).build();

        Map<String, byte[]> one = audioById(same.transform(texts.repartition(1)));
        Map<String, byte[]> three = audioById(same.transform(texts.repartition(3)));
        Map<String, byte[]> otherSeed = audioById(SpeechSynthesis.builder().setVoice(voice).optSeed(seed + 1)
                .optTemperature(1.5).build().transform(texts.repartition(3)));

        assertThat(one).hasSize(6);
        assertThat(three.keySet()).isEqualTo(one.keySet());
        for (String id : one.keySet()) {
            assertThat(three.get(id)).as("row %s", id).isEqualTo(one.get(id));
            assertThat(otherSeed.get(id)).as("row %s, another seed", id).isNotEqualTo(one.get(id));
        }
    }

    @Test
    void aRowsAudioIsWhatTheSynthesizerMakesOfItsTextAlone() {
        Dataset<Row> texts = texts(new Random(21), 3).repartition(2);
        SynthesisOptions options = SynthesisOptions.builder().optSeed(9).optTemperature(1.3).build();

        Map<String, byte[]> rows = audioById(SpeechSynthesis.builder().setVoice(voice).optSeed(9).optTemperature(1.3)
                .build().transform(texts));

        try (Voice v = Voice.load(Path.of(voice))) {
            Synthesizer alone = Synthesizer.of(v);
            for (Row r : texts.collectAsList()) {
                String id = r.getAs(SpeechColumns.ID);
                byte[] expected = WavIO.toBytes(alone.synthesize(r.<String>getAs(SpeechColumns.TEXT), options).audio());
                assertThat(rows.get(id)).as("row %s", id).isEqualTo(expected);
            }
        }
    }

    @Test
    void aBadRowIsReportedInItsOwnRowAndTheOthersAreSpoken() {
        List<Row> rows = List.of(
                RowFactory.create("good", "the printer said nothing", null, null),
                RowFactory.create("empty", "   ", null, null),
                RowFactory.create("stranger", "a known voice, an unknown speaker", null, "nobody"),
                RowFactory.create("named", "the speaker by name", null, "tiny"),
                RowFactory.create("lost", "a voice that is not there", dir.resolve("no-such-voice").toString(), null),
                RowFactory.create(null, "a row without an id", null, null));
        Dataset<Row> out = SpeechSynthesis.builder().setVoice(voice).build()
                .transform(spark.createDataFrame(rows, FULL).repartition(2));

        Map<String, Row> byText = new HashMap<>();
        for (Row r : out.collectAsList()) {
            byText.put(r.getAs(SpeechColumns.TEXT), r);
        }

        assertThat(byText).hasSize(rows.size());
        for (String spoken : List.of("the printer said nothing", "the speaker by name")) {
            Row r = byText.get(spoken);
            assertThat((String) r.getAs(SpeechColumns.ERROR)).isNull();
            AudioClip clip = WavIO.read((byte[]) r.getAs(SpeechColumns.AUDIO), spoken);
            assertThat(clip.sampleRate()).isEqualTo(TinyVoice.AUDIO.sampleRate());
            assertThat((double) r.getAs(SpeechColumns.DURATION)).isEqualTo(clip.durationSeconds());
            assertThat((double) r.getAs(SpeechColumns.REAL_TIME_FACTOR)).isPositive();
            assertThat((int) r.getAs(SpeechColumns.SENTENCES)).isEqualTo(1);
            // The tiny voice's stop token never fires: every sentence is flagged.
            assertThat(r.<scala.collection.Seq<String>>getAs(SpeechColumns.ALIGNMENT_WARNINGS).mkString())
                    .contains("sentence 1:").contains("cut at the step cap");
            assertThat((String) r.getAs(SpeechColumns.VOICE)).isEqualTo(voice);
        }
        assertThat(error(byText, "   ")).contains("the text is empty");
        assertThat(error(byText, "a known voice, an unknown speaker")).contains("unknown speaker 'nobody'");
        assertThat(error(byText, "a voice that is not there")).contains("no-such-voice").contains("does not exist");
        assertThat(error(byText, "a row without an id")).contains("no id");
        assertThat((Object) byText.get("   ").getAs(SpeechColumns.AUDIO)).isNull();
        assertThat((Object) byText.get("   ").getAs(SpeechColumns.DURATION)).isNull();
    }

    @Test
    void anExecutorLoadsItsVoiceOnceHoweverManyTasksItRuns() {
        String fresh = TinyVoice.write(dir.resolve("loaded-once"));
        assertThat(ExecutorVoices.loads(fresh)).isZero();
        Dataset<Row> texts = texts(new Random(5), 16).repartition(8);

        List<Row> out = SpeechSynthesis.builder().setVoice(fresh).build().transform(texts).collectAsList();

        assertThat(texts.rdd().getNumPartitions()).isEqualTo(8);
        assertThat(out).hasSize(16).allSatisfy(r -> assertThat((String) r.getAs(SpeechColumns.ERROR)).isNull());
        assertThat(ExecutorVoices.loads(fresh)).isEqualTo(1);
        assertThat(ExecutorVoices.torchThreads()).isEqualTo(1);
    }

    @Test
    void writesEachRowsWavToTheFolderWithTheBytesItWouldHaveKept() throws Exception {
        Dataset<Row> texts = texts(new Random(8), 4).repartition(2);
        Path folder = dir.resolve("wavs");

        Map<String, byte[]> kept = audioById(SpeechSynthesis.builder().setVoice(voice).build().transform(texts));
        List<Row> written = SpeechSynthesis.builder().setVoice(voice).optOutputFolder(folder.toUri().toString())
                .build().transform(texts).collectAsList();

        assertThat(written).hasSize(4);
        for (Row r : written) {
            assertThat((Object) r.getAs(SpeechColumns.AUDIO)).isNull();
            String id = r.getAs(SpeechColumns.ID);
            String path = r.getAs(SpeechColumns.PATH);
            assertThat(path).endsWith("/wavs/" + id + ".wav");
            assertThat(Files.readAllBytes(folder.resolve(id + ".wav"))).isEqualTo(kept.get(id));
        }
    }

    @Test
    void anInputWithoutTextIsRefusedOnTheDriver() {
        Dataset<Row> noText = spark.createDataFrame(List.of(RowFactory.create("1")),
                new StructType().add(SpeechColumns.ID, DataTypes.StringType));
        SpeechSynthesis synthesis = SpeechSynthesis.builder().setVoice(voice).build();

        assertThatThrownBy(() -> synthesis.transform(noText)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no 'text' column");
        assertThatThrownBy(() -> SpeechSynthesis.builder().setVoice(voice).optTemperature(0.5).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("temperature");
    }

    /** {@code n} rows of a few random words each, ids r0, r1, ... */
    private static Dataset<Row> texts(Random rnd, int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] words = new String[2 + rnd.nextInt(4)];
            Arrays.setAll(words, w -> WORDS[rnd.nextInt(WORDS.length)]);
            rows.add(RowFactory.create("r" + i, String.join(" ", words) + "."));
        }
        return spark.createDataFrame(rows, TEXTS);
    }

    private static Map<String, byte[]> audioById(Dataset<Row> speech) {
        Map<String, byte[]> out = new HashMap<>();
        for (Row r : speech.collectAsList()) {
            assertThat((String) r.getAs(SpeechColumns.ERROR)).isNull();
            out.put(r.getAs(SpeechColumns.ID), r.getAs(SpeechColumns.AUDIO));
        }
        return out;
    }

    private static String error(Map<String, Row> byText, String text) {
        return byText.get(text).getAs(SpeechColumns.ERROR);
    }
}
