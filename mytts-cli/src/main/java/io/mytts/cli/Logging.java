package io.mytts.cli;

import java.util.Arrays;

/** Quiet logging by default, detail with {@code --verbose}; set before the first logger exists. */
final class Logging {

    private Logging() {}

    /** Configures slf4j-simple from the arguments and returns whether verbose output is on. */
    static boolean configure(String[] args) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        // DJL is chatty at info level about engine loading.
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl", verbose ? "info" : "warn");
        // On CPU-only machines DJL warns twice that no CUDA driver was found; that is expected.
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", verbose ? "info" : "error");
        // Vocoder training says through its logger how it resumes a run of the first vocoder trainer.
        setIfAbsent("org.slf4j.simpleLogger.log.io.mytts.vocoder.VocoderTraining", verbose ? "debug" : "info");
        setIfAbsent("ai.djl.offline", "true");
        return verbose;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
