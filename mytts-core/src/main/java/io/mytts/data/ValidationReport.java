package io.mytts.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of checking a dataset: what was skipped (by file and reason), how much is left, and
 * how long it is.
 *
 * @param listed items the metadata lists (lines, blank lines aside)
 * @param kept items that passed every check
 * @param resampled kept items whose audio was at another sample rate
 * @param skipped items left out, in listing order
 * @param seconds audio durations of the kept items
 * @param frames mel frames of the kept items
 * @param tokens token counts of the kept items ({@link LengthStats#EMPTY} when not tokenized)
 */
public record ValidationReport(int listed, int kept, int resampled, List<Skipped> skipped, LengthStats seconds,
        LengthStats frames, LengthStats tokens) {

    public ValidationReport {
        skipped = List.copyOf(skipped);
    }

    public double hours() {
        return seconds.total() / 3600.0;
    }

    public Map<SkipReason, Integer> skippedByReason() {
        Map<SkipReason, Integer> m = new EnumMap<>(SkipReason.class);
        for (Skipped s : skipped) {
            m.merge(s.reason(), 1, Integer::sum);
        }
        return m;
    }

    /** The report for people: one line a skipped item (at most {@code maxItems}), then the totals. */
    public List<String> lines(int maxItems) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(maxItems, skipped.size()); i++) {
            out.add("skipped " + skipped.get(i).message());
        }
        if (skipped.size() > maxItems) {
            out.add("... and " + (skipped.size() - maxItems) + " more skipped items");
        }
        StringBuilder reasons = new StringBuilder();
        skippedByReason().forEach((r, n) -> reasons.append(reasons.length() == 0 ? " (" : ", ")
                .append(n).append(' ').append(r.label()));
        if (reasons.length() > 0) {
            reasons.append(')');
        }
        out.add(String.format("%d listed, %d kept, %d skipped%s, %d resampled", listed, kept, skipped.size(),
                reasons, resampled));
        out.add(String.format("%.2f hours; seconds: %s", hours(), seconds.describe(2)));
        out.add("frames: " + frames.describe(0) + (tokens.count() > 0 ? "; tokens: " + tokens.describe(0) : ""));
        return out;
    }
}
