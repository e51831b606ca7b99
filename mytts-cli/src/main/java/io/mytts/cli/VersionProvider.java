package io.mytts.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, with the Java version beside it. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = MyTTSCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "mytts " + (v == null ? "development build" : v),
            "Java " + System.getProperty("java.version")
        };
    }
}
