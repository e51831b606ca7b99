package io.mytts.spark;

import io.mytts.InvalidInputException;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The job's input formats, read into {@code id, text[, voice, speaker]} rows. */
enum JobInput {
    /** UTF-8 text, one utterance a line; the id is the line number (000001, ...); blank lines are skipped. */
    TEXT,
    /** CSV with a header naming id, text and, optionally, voice and speaker; quoted fields may span lines. */
    CSV,
    /** Parquet with id, text and, optionally, voice and speaker columns. */
    PARQUET;

    private static final StructType LINES = new StructType()
            .add(SpeechColumns.ID, DataTypes.StringType, false)
            .add(SpeechColumns.TEXT, DataTypes.StringType, false);

    /** The format a path's name suggests: .txt, .csv, else Parquet (a file or Spark's folder of parts). */
    static JobInput of(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt") || name.endsWith(".text")) {
            return TEXT;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        return PARQUET;
    }

    Dataset<Row> read(SparkSession spark, String path) {
        return switch (this) {
            case TEXT -> lines(spark, path);
            case CSV -> spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
                    .csv(path);
            case PARQUET -> spark.read().parquet(path);
        };
    }

    private static Dataset<Row> lines(SparkSession spark, String path) {
        JavaRDD<Row> rows = spark.read().textFile(path).javaRDD().zipWithIndex()
                .filter(t -> !t._1().isBlank())
                .map(t -> RowFactory.create(String.format(Locale.ROOT, "%06d", t._2() + 1), t._1().strip()));
        return spark.createDataFrame(rows, LINES);
    }

    /** The format named on the command line (text, csv, parquet). */
    static JobInput named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown input format '" + name + "'; use text, csv or parquet");
        }
    }
}
