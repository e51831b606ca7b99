package io.mytts.cli;

import io.mytts.synth.SynthesisOptions;
import picocli.CommandLine.Option;

/** A forward voice's speed and pitch controls, shared by say, synthesize, eval and the benchmarks. */
final class ProsodyMixin {

    @Option(names = "--speed", paramLabel = "S", defaultValue = "1.0",
            description = "Speaking speed of a forward voice, 0.5 to 2.0, a length scale: 1.5 speaks in 1/1.5 of the"
                    + " time (default: ${DEFAULT-VALUE}; autoregressive voices have no speed control).")
    double speed;

    @Option(names = "--pitch", paramLabel = "SEMITONES", defaultValue = "0",
            description = "Pitch shift of a forward voice, -12 to 12 semitones (default: ${DEFAULT-VALUE};"
                    + " autoregressive voices have no pitch control).")
    double pitch;

    /** The builder with this speed and pitch (checked when it is built). */
    SynthesisOptions.Builder applyTo(SynthesisOptions.Builder b) {
        return b.optSpeed(speed).optPitchSemitones(pitch);
    }
}
