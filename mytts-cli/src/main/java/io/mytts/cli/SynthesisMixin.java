package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.config.CrossWindow;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.VocoderKind;
import io.mytts.synth.Voice;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The decoding, prosody and vocoder options shared by say, synthesize, eval and bench. */
final class SynthesisMixin {

    @Mixin
    ProsodyMixin prosody = new ProsodyMixin();

    @Option(names = "--temperature", defaultValue = "1.0",
            description = "1.0 is greedy; above 1.0 adds seeded noise to the fed-back frames (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--seed", defaultValue = "0", description = "Seed: the same text and seed give the same audio (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-steps", paramLabel = "N",
            description = "Decoder step cap per sentence (default: 12 frames per input symbol, at most the model's max_length).")
    Integer maxSteps;

    @Option(names = "--cross-win", paramLabel = "SHARE",
            description = "Cross-attention window as a share of the sentence, in (0, 1] (default: the voice's).")
    Double crossWin;

    @Option(names = "--cross-win-tokens", paramLabel = "N",
            description = "Cross-attention window as N tokens ahead of the previous step's alignment peak, "
                    + "on any sentence length (default: the voice's).")
    Integer crossWinTokens;

    @Option(names = "--beam", paramLabel = "K", defaultValue = "1",
            description = "Beam search: K hypotheses of each sentence decoded together, the one whose attention best"
                    + " follows the text spoken; 1 is greedy (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--repair", paramLabel = "N", defaultValue = "0",
            description = "Decode a sentence again, up to N times, when its attention skipped, repeated or stuck on"
                    + " a word or its stop never fired; 0 is off (default: ${DEFAULT-VALUE}).")
    int repair;

    @Option(names = "--text-aware-stop", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "The attention never moves back and the stop cannot fire before it reaches the last word"
                    + " (default: ${DEFAULT-VALUE}).")
    boolean textAwareStop;

    @Option(names = "--speaker", paramLabel = "NAME",
            description = "The speaker of a multi-speaker voice, by name or number (default: its first; "
                    + "'voice info' lists them).")
    String speaker;

    @Option(names = "--max-chunk-chars", paramLabel = "N",
            description = "Split sentences longer than N characters at clause marks, then spaces (default: 200; a"
                    + " chunk is also capped to fit the model's max_length).")
    Integer maxChunkChars;

    @Option(names = "--first-chunk-chars", paramLabel = "N",
            description = "Cut a first sentence longer than N characters after a clause mark, for earlier first"
                    + " audio; 0 never cuts it (default: 80).")
    Integer firstChunkChars;

    @Option(names = "--vocoder", paramLabel = "KIND",
            description = "griffin-lim or neural (default: the voice's own: neural if it carries one).")
    String vocoder;

    /** A synthesizer for the voice with the vocoder asked for. */
    Synthesizer synthesizer(Voice voice) {
        Synthesizer.Builder b = Synthesizer.builder().setVoice(voice);
        if (vocoder != null) {
            b.optVocoder(voice.vocoder(VocoderKind.of(vocoder)));
        }
        return b.build();
    }

    SynthesisOptions options() {
        SynthesisOptions.Builder b = prosody.applyTo(SynthesisOptions.builder().optTemperature(temperature).optSeed(seed)
                .optBeam(beam).optRepair(repair).optTextAwareStop(textAwareStop).optSpeaker(speaker));
        if (maxSteps != null) {
            b.optMaxSteps(maxSteps);
        }
        if (maxChunkChars != null) {
            b.optMaxChunkLength(maxChunkChars);
        }
        if (firstChunkChars != null) {
            b.optFirstChunkLength(firstChunkChars);
        }
        if (crossWin != null && crossWinTokens != null) {
            throw new InvalidInputException("give --cross-win (a share of the sentence) or --cross-win-tokens "
                    + "(tokens ahead), not both");
        }
        if (crossWin != null) {
            b.optCrossWin(crossWin);
        }
        if (crossWinTokens != null) {
            b.optCrossWindow(CrossWindow.tokens(crossWinTokens));
        }
        return b.build();
    }
}
