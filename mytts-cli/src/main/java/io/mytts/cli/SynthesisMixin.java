package io.mytts.cli;

import io.mytts.synth.SynthesisOptions;
import picocli.CommandLine.Option;

/** The decoding options shared by say, synthesize, eval and bench. */
final class SynthesisMixin {

    @Option(names = "--temperature", defaultValue = "1.0",
            description = "1.0 is greedy; above 1.0 adds seeded noise to the fed-back frames (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--seed", defaultValue = "0", description = "Seed: the same text and seed give the same audio (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-steps", paramLabel = "N",
            description = "Decoder step cap per sentence (default: 12 frames per input symbol, at most the model's max_length).")
    Integer maxSteps;

    @Option(names = "--cross-win", paramLabel = "SHARE",
            description = "Cross-attention window as a share of the sentence, in (0, 1] (default: the model's).")
    Double crossWin;

    SynthesisOptions options() {
        SynthesisOptions.Builder b = SynthesisOptions.builder().optTemperature(temperature).optSeed(seed);
        if (maxSteps != null) {
            b.optMaxSteps(maxSteps);
        }
        if (crossWin != null) {
            b.optCrossWin(crossWin);
        }
        return b.build();
    }
}
