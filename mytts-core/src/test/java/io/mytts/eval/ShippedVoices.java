package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.synth.LoadedVoice;
import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Voice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The voices that ship in {@code voices/}: where they are, and what each of them must be. */
final class ShippedVoices {

    /** The most a shipped voice folder may hold, its vocoder included. */
    static final long MAX_BYTES = 30_000_000L;

    private ShippedVoices() {}

    /** {@code voices/NAME} of the repository (the build sets {@code mytts.repo.dir}). */
    static Path folder(String name) {
        return Path.of(System.getProperty("mytts.repo.dir", ".."), "voices", name);
    }

    /** {@code voices/NAME}, loaded for a test class. */
    static LoadedVoice loaded(String name) {
        return LoadedVoice.at(folder(name));
    }

    /**
     * Stored in half precision, the whole folder under {@link #MAX_BYTES}, and a model card whose
     * measurements are filled in (no placeholder of the packer's skeleton left).
     */
    static void assertShippable(Voice voice) throws IOException {
        assertThat(voice.precision()).isEqualTo("float16");
        try (Stream<Path> files = Files.walk(voice.folder())) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            assertThat(bytes).as("the whole voice folder, its vocoder included").isLessThan(MAX_BYTES);
        }
        String card = Files.readString(voice.folder().resolve(Voice.MODEL_CARD));
        assertThat(card).contains("## Measurements").contains("WER").contains("real-time factor")
                .doesNotContain("(Which corpus").doesNotContain("(Machine,").doesNotContain("MEASUREMENTS");
    }

    /** Every sentence of {@code r} ended by its stop token, with no word skipped or repeated. */
    static void assertSpokenWhole(SynthesisResult r, String who) {
        for (SentenceResult s : r.sentences()) {
            assertThat(s.stopFired()).as("%s: stop token for '%s'", who, s.text()).isTrue();
            assertThat(s.failures().skippedTokens()).as("%s: %s", who, s.failures().summary()).isEmpty();
            assertThat(s.failures().repeatedTokens()).as("%s: %s", who, s.failures().summary()).isEmpty();
        }
    }
}
