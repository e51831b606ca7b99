package io.mytts.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One {@code local[2]} Spark session for all the test classes of this module (Spark takes seconds to
 * start); Spark's shutdown hook stops it when the test JVM exits.
 */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("mytts-spark-tests")
                    .config("spark.ui.enabled", false)
                    .config("spark.sql.shuffle.partitions", 2)
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }
}
