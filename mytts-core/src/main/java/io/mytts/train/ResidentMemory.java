package io.mytts.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from {@code /proc/self/status} (Linux); -1 elsewhere. */
final class ResidentMemory {

    private ResidentMemory() {}

    /** VmRSS in mebibytes, or -1 when it cannot be read. */
    static double megabytes() {
        return parseVmRssKb(read()) / 1024.0;
    }

    private static String read() {
        try {
            return Files.readString(Path.of("/proc/self/status"));
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    /** The VmRSS value in kB from the text of a status file, or -1024 when absent. */
    static long parseVmRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    return -1024;
                }
            }
        }
        return -1024;
    }
}
