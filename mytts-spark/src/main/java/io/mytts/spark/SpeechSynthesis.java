package io.mytts.spark;

import io.mytts.InvalidInputException;
import io.mytts.synth.SynthesisOptions;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Speech for every row of a Dataset: {@code id, text} and optionally {@code voice} and
 * {@code speaker} in, the rows of {@link SpeechColumns#OUTPUT} out (the audio as WAV bytes, or the
 * path an executor wrote it to, with its duration, real-time factor and alignment warnings).
 *
 * <pre>{@code
 * Dataset<Row> speech = SpeechSynthesis.builder()
 *         .setVoice("voices/slt")                        // a folder on every executor
 *         .optOutputFolder("hdfs:///catalogue/wavs")     // omit to keep the WAV bytes in the rows
 *         .build()
 *         .transform(texts);
 * }</pre>
 *
 * <p>A row that cannot be spoken (empty text, a voice folder that is not a voice, an unknown
 * speaker) gets its message in the {@code error} column and no audio; the job goes on. Each executor
 * loads a voice once and shares it between its tasks ({@link ExecutorVoices}). The same seed gives
 * the same bytes for a row whatever the partitioning: a row's audio depends on its text, voice,
 * seed and temperature only (as {@code mytts say} with the same options). Lazy like any
 * transformation: the speech is made when an action runs, and again for every action on an
 * uncached result, so write it once (or cache it).
 */
public final class SpeechSynthesis {

    private final String voice;
    private final long seed;
    private final double temperature;
    private final String outputFolder;

    private SpeechSynthesis(Builder b) {
        this.voice = b.voice;
        this.seed = b.seed;
        this.temperature = b.temperature;
        this.outputFolder = b.outputFolder;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The speech of every row, in the input's partitioning.
     *
     * @throws InvalidInputException when the input has no id or text column
     */
    public Dataset<Row> transform(Dataset<Row> input) {
        List<String> columns = Arrays.asList(input.columns());
        for (String required : List.of(SpeechColumns.ID, SpeechColumns.TEXT)) {
            if (!columns.contains(required)) {
                throw new InvalidInputException("the input has no '" + required + "' column (it has " + columns
                        + "); batch synthesis reads id, text and, optionally, voice and speaker");
            }
        }
        WavFolder folder = outputFolder == null ? null : new WavFolder(outputFolder,
                new SerializableConfiguration(input.sparkSession().sparkContext().hadoopConfiguration()));
        PartitionSynthesizer.Columns at = new PartitionSynthesizer.Columns(columns.indexOf(SpeechColumns.ID),
                columns.indexOf(SpeechColumns.TEXT), columns.indexOf(SpeechColumns.VOICE),
                columns.indexOf(SpeechColumns.SPEAKER));
        return input.mapPartitions(new PartitionSynthesizer(at, voice, seed, temperature, folder),
                Encoders.row(SpeechColumns.OUTPUT));
    }

    /** The voice is required; seed 0, temperature 1.0 (greedy) and audio in the rows by default. */
    public static final class Builder {
        private String voice;
        private long seed;
        private double temperature = 1.0;
        private String outputFolder;

        private Builder() {}

        /** The voice folder for rows with no voice of their own; the path must exist on every executor. */
        public Builder setVoice(String voiceFolder) {
            this.voice = voiceFolder;
            return this;
        }

        /** The seed of the noise added above temperature 1.0 (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** 1.0 is greedy (default); above it adds seeded noise to the fed-back frames. */
        public Builder optTemperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /**
         * Write each row's WAV to this folder (any Hadoop file system URI or a local path, seen from
         * the executors) as {@code ID.wav}, and put its path in the rows instead of the bytes.
         */
        public Builder optOutputFolder(String folder) {
            this.outputFolder = folder;
            return this;
        }

        /** Validates the options here, on the driver, so that a bad one fails before any task runs. */
        public SpeechSynthesis build() {
            if (voice == null || voice.isBlank()) {
                throw new InvalidInputException("batch synthesis needs a voice folder (setVoice); rows may name"
                        + " their own in a voice column");
            }
            if (outputFolder != null && outputFolder.isBlank()) {
                throw new InvalidInputException("the output folder is empty; give a path or leave it out to keep"
                        + " the audio in the rows");
            }
            PartitionSynthesizer.options(seed, temperature);
            return new SpeechSynthesis(this);
        }
    }
}
