package io.mytts.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The column names and types of {@link SpeechSynthesis}: what it reads and what it writes.
 *
 * <p>Input: {@value #ID} and {@value #TEXT} are required (any type; they are read as strings);
 * {@value #VOICE} (a voice folder on every executor) and {@value #SPEAKER} are optional. Output, one
 * row per input row: the input columns, then the audio and what happened.
 */
public final class SpeechColumns {

    public static final String ID = "id";
    public static final String TEXT = "text";
    /** A voice folder, as a path on the executors; empty or absent: the transformation's voice. */
    public static final String VOICE = "voice";
    /** The speaker; the voices of this version have one, so empty, absent or the voice's name. */
    public static final String SPEAKER = "speaker";
    /** The WAV file's bytes (mono 16-bit PCM), when the audio is kept in the rows. */
    public static final String AUDIO = "audio";
    /** Where the executor wrote the WAV file, when the audio goes to a folder. */
    public static final String PATH = "path";
    public static final String SAMPLE_RATE = "sample_rate";
    public static final String DURATION = "duration_s";
    /** Synthesis wall time over audio duration: below 1 is faster than real time. */
    public static final String REAL_TIME_FACTOR = "real_time_factor";
    public static final String SENTENCES = "sentences";
    /** The lowest cross-attention diagonality of the row's sentences (0 to 1). */
    public static final String ALIGNMENT_SCORE = "alignment_score";
    /** One line per sentence the failure detectors flagged (skipped or repeated words, no stop). */
    public static final String ALIGNMENT_WARNINGS = "alignment_warnings";
    /** Why the row has no audio (empty text, unknown voice or speaker); null when it has. */
    public static final String ERROR = "error";

    /** The output schema, in column order. */
    public static final StructType OUTPUT = new StructType()
            .add(ID, DataTypes.StringType, true)
            .add(TEXT, DataTypes.StringType, true)
            .add(VOICE, DataTypes.StringType, true)
            .add(SPEAKER, DataTypes.StringType, true)
            .add(AUDIO, DataTypes.BinaryType, true)
            .add(PATH, DataTypes.StringType, true)
            .add(SAMPLE_RATE, DataTypes.IntegerType, true)
            .add(DURATION, DataTypes.DoubleType, true)
            .add(REAL_TIME_FACTOR, DataTypes.DoubleType, true)
            .add(SENTENCES, DataTypes.IntegerType, true)
            .add(ALIGNMENT_SCORE, DataTypes.DoubleType, true)
            .add(ALIGNMENT_WARNINGS, DataTypes.createArrayType(DataTypes.StringType, false), true)
            .add(ERROR, DataTypes.StringType, true);

    private SpeechColumns() {}
}
