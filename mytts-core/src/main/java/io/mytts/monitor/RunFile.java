package io.mytts.monitor;

import java.nio.file.Path;

/**
 * A file of a run folder named {@code step-<step>[-<tag>].<ext>}, such as
 * {@code alignments/step-00012000-val0.png}.
 *
 * @param path the file
 * @param step the training step in its name, or -1 when the name has none
 * @param tag what the file shows at that step (e.g. {@code val0}), empty when the name has none
 */
public record RunFile(Path path, long step, String tag) {}
