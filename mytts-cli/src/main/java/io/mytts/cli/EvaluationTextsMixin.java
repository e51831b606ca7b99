package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.eval.EvaluationTexts;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The sentences an evaluation speaks: a texts file, optionally only some ids, optionally the first N. */
final class EvaluationTextsMixin {

    @Option(names = "--texts", required = true, paramLabel = "FILE",
            description = "Sentences, one a line: ID|text (LJ Speech's ID|text|normalized too) or plain text.")
    Path texts;

    @Option(names = "--ids", paramLabel = "FILE",
            description = "Evaluate only these ids, in this order (one a line, e.g. LJ Speech's test-ids.txt).")
    Path ids;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate only the first N sentences.")
    Integer limit;

    /** The selected sentences, the first {@code --limit} of them. */
    List<EvaluationTexts.Item> items() {
        if (limit != null && limit < 1) {
            throw new InvalidInputException("--limit must be at least 1, not " + limit);
        }
        List<EvaluationTexts.Item> items = EvaluationTexts.read(texts);
        if (ids != null) {
            items = EvaluationTexts.select(items, ids);
        }
        return limit == null ? items : items.subList(0, Math.min(limit, items.size()));
    }
}
