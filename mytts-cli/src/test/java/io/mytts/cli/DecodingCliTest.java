package io.mytts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --beam, --repair, --text-aware-stop and bench decoding on an untrained tiny voice (its stop never fires). */
class DecodingCliTest {

    @TempDir
    static Path dir;
    static Path voice;

    @BeforeAll
    static void makeVoice() throws Exception {
        voice = SynthCliTest.tinyVoice(dir.resolve("voices/tiny"), null);
    }

    @Test
    void sayRepairsAndSaysWhich() {
        Path wav = dir.resolve("out.wav");
        CliTest.Run r = CliTest.run("say", "Hello there. Fine.", "-o", wav.toString(), "--voice", voice.toString(),
                "--beam", "2", "--repair", "1", "--text-aware-stop", "--max-steps", "8");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(wav).exists();
        // An untrained voice never stops: both sentences are decoded again, in vain.
        assertThat(r.out()).contains("sentence 1 not repaired in 1 attempt (4 hypotheses; spoken: ")
                .contains("sentence 2 not repaired").contains("stop never fired");
    }

    @Test
    void benchDecodingTakesOneWindow() {
        CliTest.Run r = CliTest.run("bench", "decoding", "--voice", voice.toString(), "--texts", "x.txt",
                "--cross-win-tokens", "2", "--no-window");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("not both");
    }

    @Test
    void benchDecodingRefusesAStrategyItDoesNotHave() {
        CliTest.Run r = CliTest.run("bench", "decoding", "--voice", voice.toString(), "--texts", "x.txt",
                "--strategies", "greedy,fastest");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown strategy 'fastest'").contains("greedy, beam, repair, text-aware-stop, all");
    }

    @Test
    void badDecodingOptionsAreRefused() {
        CliTest.Run r = CliTest.run("say", "Hello.", "-o", dir.resolve("x.wav").toString(), "--voice",
                voice.toString(), "--beam", "0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("beam must be between 1");
    }

    @Test
    void benchDecodingComparesTheStrategies() throws Exception {
        Path texts = dir.resolve("texts.txt");
        Files.writeString(texts, "a|Hello there.\nb|One, two, three.\n");
        CliTest.Run r = CliTest.run("bench", "decoding", "--voice", voice.toString(), "--texts", texts.toString(),
                "--beam", "2", "--repair", "1", "--no-window");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 texts");
        for (String strategy : new String[] {"greedy", "--beam 2", "--repair 1", "--text-aware-stop", "all three"}) {
            assertThat(r.out()).containsPattern("\\| " + java.util.regex.Pattern.quote(strategy)
                    + " \\| [0-2] of 2 \\(\\d+%\\) \\|");
        }
    }
}
