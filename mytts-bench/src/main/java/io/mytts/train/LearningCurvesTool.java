package io.mytts.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code java -cp mytts-cli/target/mytts-cli.jar io.mytts.train.LearningCurvesTool RUN}: writes a
 * run's loss and diagonality curves as PNGs ({@link LearningCurves}); kept out of the library jar,
 * which has no {@code main} methods.
 */
public final class LearningCurvesTool {

    private LearningCurvesTool() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LearningCurvesTool RUN_FOLDER");
            System.exit(2);
        }
        LearningCurves.write(Path.of(args[0]));
    }
}
