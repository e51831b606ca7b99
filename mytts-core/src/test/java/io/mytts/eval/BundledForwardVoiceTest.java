package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.model.ModelKind;
import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.Voice;
import io.mytts.synth.VocoderKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forward voice that ships in {@code voices/slt-forward}: small, described, speaking through its
 * neural vocoder, every held-out sentence whole, and at the speed asked for.
 */
class BundledForwardVoiceTest {

    static final Path VOICE = Path.of(System.getProperty("mytts.repo.dir", ".."), "voices", "slt-forward");

    static Synthesizer synthesizer;

    @BeforeAll
    static void load() {
        synthesizer = Synthesizer.of(Voice.load(VOICE));
    }

    @AfterAll
    static void close() {
        synthesizer.voice().close();
    }

    @Test
    void isAHalfPrecisionForwardVoiceUnderThirtyMegabytesWithAMeasuredModelCard() throws Exception {
        Voice v = synthesizer.voice();
        assertThat(v.kind()).isEqualTo(ModelKind.FORWARD);
        assertThat(v.precision()).isEqualTo("float16");
        try (Stream<Path> files = Files.walk(VOICE)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            assertThat(bytes).as("the whole voice folder, its vocoder included").isLessThan(30_000_000L);
        }
        assertThat(v.vocoder()).isSameAs(v.vocoder(VocoderKind.NEURAL));
        String card = Files.readString(VOICE.resolve(Voice.MODEL_CARD));
        assertThat(card).contains("## Measurements").contains("WER").contains("real-time factor")
                .doesNotContain("MEASUREMENTS").doesNotContain("(Which corpus");
    }

    @Test
    void speaksHeldOutSentencesWholeAndAtTheSpeedAsked() {
        for (EvaluationTexts.Item item : BundledVoiceTest.HELD_OUT) {
            SynthesisResult normal = synthesizer.synthesize(item.text());
            for (SentenceResult s : normal.sentences()) {
                assertThat(s.failures().any()).as("%s in '%s'", s.failures().summary(), s.text()).isFalse();
            }
            double secondsPerCharacter = normal.durationSeconds() / item.text().length();
            assertThat(secondsPerCharacter).as(item.id()).isBetween(0.04, 0.12);
            SynthesisResult faster = synthesizer.synthesize(item.text(), SynthesisOptions.builder().optSpeed(1.5).build());
            int framesNormal = normal.sentences().stream().mapToInt(SentenceResult::frames).sum();
            int framesFaster = faster.sentences().stream().mapToInt(SentenceResult::frames).sum();
            assertThat((double) framesFaster / framesNormal).as(item.id()).isBetween(0.95 / 1.5, 1.05 / 1.5);
        }
    }
}
