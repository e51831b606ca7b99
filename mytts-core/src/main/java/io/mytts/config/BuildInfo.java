package io.mytts.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version and git commit of this MyTTS, recorded when the library was built
 * ({@code io/mytts/build.properties}, filled in by the build). Never asks git at run time: inside an
 * embedding application that would record the application's commit, or none.
 */
public final class BuildInfo {

    /** What is recorded when the build could not tell (no git, no .git folder, an unfiltered resource). */
    public static final String UNKNOWN = "unknown";

    private static final Properties BUILD = load();

    private BuildInfo() {}

    /** The project version, such as {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return value("version");
    }

    /**
     * The 40-hex-digit commit the library was built from, followed by {@code -dirty} when tracked
     * files had uncommitted changes at build time (the build is then not exactly that commit), or
     * {@code unknown}.
     */
    public static String gitCommit() {
        return value("git.commit");
    }

    private static String value(String key) {
        String v = BUILD.getProperty(key, "").trim();
        return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/mytts/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // An unreadable resource leaves every value unknown.
        }
        return p;
    }
}
