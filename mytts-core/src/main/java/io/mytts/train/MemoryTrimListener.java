package io.mytts.train;

import java.util.Map;

/**
 * Resident memory on each log line, measured after handing free native pages back, so that it shows
 * what the run holds rather than what glibc kept (docs/train.md, "Resident memory").
 */
final class MemoryTrimListener implements TrainingListener {

    @Override
    public void addToLogLine(StepMetrics m, Map<String, Object> line) {
        double beforeTrim = ResidentMemory.megabytes();
        if (ResidentMemory.trimNativeHeap()) {
            line.put("rss_untrimmed_mb", beforeTrim);
        }
        line.put("rss_mb", ResidentMemory.megabytes());
        Runtime rt = Runtime.getRuntime();
        line.put("heap_mb", (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0));
    }
}
