package io.mytts.cli;

import io.mytts.config.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** The version and git commit recorded when MyTTS was built, with the Java version beside them. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "mytts " + BuildInfo.version() + " (commit " + BuildInfo.gitCommit() + ")",
            "Java " + System.getProperty("java.version")
        };
    }
}
