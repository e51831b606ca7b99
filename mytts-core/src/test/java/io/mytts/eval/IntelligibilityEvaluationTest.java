package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.config.ModelConfig;
import io.mytts.model.TransformerTTS;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.VocoderSettings;
import io.mytts.synth.Voice;
import io.mytts.synth.VoicePackager;
import io.mytts.text.Language;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntelligibilityEvaluationTest {

    @TempDir
    Path dir;

    /** Hears reference recordings (1 s long) as one text and synthesized noise (shorter) as another. */
    static final class FakeRecognizer implements SpeechRecognizer {
        final Map<String, String[]> heard; // id -> {synthesized, reference}
        final List<Integer> rates = new ArrayList<>();

        FakeRecognizer(Map<String, String[]> heard) {
            this.heard = heard;
        }

        @Override
        public String transcribe(Path wav) {
            AudioClip clip = WavIO.read(wav);
            rates.add(clip.sampleRate());
            String id = wav.getFileName().toString().split("\\.")[0];
            return heard.get(id)[clip.durationSeconds() > 0.5 ? 1 : 0];
        }

        @Override
        public int sampleRate() {
            return 16000;
        }
    }

    static Path tinyVoice(Path folder) {
        SymbolTable symbols = SymbolTable.characters(Language.EN);
        // The project's hop (256 at 22050 Hz), so that 8 frames (93 ms) are long enough for STOI's 25.6 ms frames.
        AudioConfig audio = new AudioConfig(22050, 1024, 256, 1024, 20, 0, 8000, 1e-5);
        ModelConfig config = ModelConfig.builder().setNumLayers(1).setDModel(16).setNumHeads(2).setDff(32)
                .optPrenetHidden(12).optPostnetLayers(1).optPostnetChannels(8).optPostnetKernel(3)
                .optMaxLength(128).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config, symbols.size(), audio.nMels(), m, 1)) {
            return VoicePackager.builder().setName("tiny").optTextSettings(TextSettings.englishCharacters())
                    .optAudioConfig(audio).optVocoder(new VocoderSettings(2, 1.0)).build()
                    .fromModel(model, symbols, folder);
        }
    }

    @Test
    void scoresSynthesizedAndReferenceAudioAgainstTheText() throws Exception {
        Path texts = Files.writeString(dir.resolve("texts.txt"),
                "# a comment\na|Hello world.\n\nb|Good morning to you.\nc|Not in the references.\nd|Left out by the limit.\n");
        Path refs = Files.createDirectories(dir.resolve("refs"));
        float[] second = new float[22050];
        for (int i = 0; i < second.length; i++) {
            second[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 22050.0));
        }
        WavIO.write(refs.resolve("a.wav"), second, 22050);
        WavIO.write(refs.resolve("b.wav"), second, 22050);
        FakeRecognizer asr = new FakeRecognizer(Map.of(
                "a", new String[] {"hello word", "hello world"},
                "b", new String[] {"good morning", "could morning to you"},
                "c", new String[] {"not in the references", "?"}));

        EvaluationReport report;
        try (Voice voice = Voice.load(tinyVoice(dir.resolve("voice")))) {
            report = IntelligibilityEvaluation.builder().setSynthesizer(Synthesizer.of(voice)).setRecognizer(asr)
                    .optOptions(SynthesisOptions.builder().optMaxSteps(8).build())
                    .optReferenceWavs(refs).optLimit(3).build()
                    .run(EvaluationTexts.read(texts));
        }
        assertThat(report.items()).extracting(EvaluationReport.ItemResult::id).containsExactly("a", "b", "c");
        assertThat(asr.rates).containsOnly(16000).hasSize(5); // 3 synthesized, 2 references
        // a: 1 substitution of 2 words; b: 2 deletions of 4; c: none of 4.
        assertThat(report.items().get(0).wer().rate()).isEqualTo(0.5);
        assertThat(report.items().get(1).wer().rate()).isEqualTo(0.5);
        assertThat(report.wer()).isCloseTo(3 / 10.0, within(1e-12));
        // references: a perfect, b 1 substitution of 4.
        assertThat(report.referenceWer()).isCloseTo(1 / 6.0, within(1e-12));
        assertThat(report.werOnReferencedItems()).isCloseTo(3 / 6.0, within(1e-12));
        assertThat(report.items().get(2).referenceWer()).isNull();
        assertThat(report.items().get(0).mcd()).isPositive().isFinite();
        assertThat(Double.isNaN(report.items().get(2).mcd())).isTrue();
        // The references are a steady 220 Hz tone, the untrained voice's 8 frames are noise: STOI
        // (warped onto the tone's frames) is low but defined, nearly every compared frame disagrees
        // on voicing, and no frame is voiced in both, so there is no F0 RMSE.
        ReferenceMeasures a = report.items().get(0).measures();
        assertThat(report.items().get(0).seconds()).isCloseTo(8 * 256 / 22050.0, within(1e-9));
        assertThat(a.stoi()).isBetween(-1.0, 0.9);
        assertThat(a.estoi()).isBetween(-1.0, 0.9);
        assertThat(a.voicingError()).isGreaterThan(0.5);
        assertThat(a.f0RmseCents()).isNaN();
        // b stopped after one frame (12 ms): shorter than one STOI frame, so no STOI; MCD is still taken.
        ReferenceMeasures b = report.items().get(1).measures();
        assertThat(report.items().get(1).seconds()).isCloseTo(256 / 22050.0, within(1e-9));
        assertThat(b.stoi()).isNaN();
        assertThat(b.mcd()).isFinite();
        assertThat(report.items().get(2).measures()).isEqualTo(ReferenceMeasures.NONE);
        // An untrained voice with max 8 steps: each item is 1 chunk, cut at the cap or stopped.
        assertThat(report.totalSentences()).isEqualTo(3);
        assertThat(report.realTimeFactor()).isPositive();

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.at("/totals/wer").asDouble()).isCloseTo(3 / 10.0, within(1e-12));
        assertThat(json.at("/totals/reference_items").asInt()).isEqualTo(2);
        assertThat(json.at("/items/1/reference_hypothesis").asText()).isEqualTo("could morning to you");
        assertThat(json.at("/items/2/reference_wer").isMissingNode()).isTrue();
        assertThat(json.at("/items/0/stoi").asDouble()).isEqualTo(a.stoi());
        assertThat(json.at("/items/0/voicing_error").asDouble()).isEqualTo(a.voicingError());
        assertThat(json.at("/items/0/f0_rmse_cents").isNull()).isTrue();
        assertThat(json.at("/items/1/stoi").isNull()).isTrue();
        assertThat(json.at("/totals/mean_estoi").asDouble()).isEqualTo(a.estoi()); // b has none
        assertThat(json.at("/totals/mean_mcd_db").asDouble()).isCloseTo((a.mcd() + b.mcd()) / 2, within(1e-12));
        assertThat(json.at("/totals/median_mcd_db").isNumber()).isTrue();
        assertThat(json.at("/items/2/stoi").isMissingNode()).isTrue();
        assertThat(report.summary()).contains("WER").contains("30.0%").contains("reference WER").contains("16.7%")
                .contains("STOI / ESTOI").contains("voicing error");
    }

    @Test
    void aSpeakerCheckAssignsEachSentenceAndEachReferenceToAnEnrolledSpeaker() throws Exception {
        Path texts = Files.writeString(dir.resolve("texts.txt"), "a|Hello world.\nb|Good morning to you.\nc|No reference.\n");
        Path refs = Files.createDirectories(dir.resolve("refs"));
        WavIO.write(refs.resolve("a.wav"), SyntheticSpeaker.LOW.utterance(7, 22050, 1.5));
        WavIO.write(refs.resolve("b.wav"), SyntheticSpeaker.LOW.utterance(8, 16000, 1.5)); // resampled
        SpeakerIdentifier speakers = SpeakerIdentifier.builder()
                .addSpeaker("low", List.of(SyntheticSpeaker.LOW.utterance(1, 22050, 2), SyntheticSpeaker.LOW.utterance(2, 22050, 2)))
                .addSpeaker("bright", List.of(SyntheticSpeaker.BRIGHT.utterance(1, 22050, 2),
                        SyntheticSpeaker.BRIGHT.utterance(2, 22050, 2)))
                .build();
        FakeRecognizer asr = new FakeRecognizer(Map.of("a", new String[] {"x", "y"}, "b", new String[] {"x", "y"},
                "c", new String[] {"x", "y"}));
        EvaluationReport report;
        try (Voice voice = Voice.load(tinyVoice(dir.resolve("voice")))) {
            IntelligibilityEvaluation.Builder b = IntelligibilityEvaluation.builder().setSynthesizer(Synthesizer.of(voice))
                    .setRecognizer(asr).optOptions(SynthesisOptions.builder().optMaxSteps(8).build()).optReferenceWavs(refs);
            assertThatThrownBy(() -> b.optSpeakerCheck(speakers, "nobody").build()).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("nobody").hasMessageContaining("bright, low");
            report = b.optSpeakerCheck(speakers, "low").build().run(EvaluationTexts.read(texts));
        }
        // The untrained voice's noise goes wherever it goes, but every sentence is tallied; the
        // references are the expected speaker's and all go to it: the reference accuracy.
        SpeakerAccuracy synthesized = report.speakerAccuracy();
        assertThat(synthesized.total()).isEqualTo(3);
        assertThat(report.items()).allSatisfy(i -> assertThat(i.speaker()).isNotNull());
        assertThat(report.referenceSpeakerAccuracy().assigned()).containsExactly(Map.entry("low", 2));
        assertThat(report.items().get(2).referenceSpeaker()).isNull();

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        JsonNode identity = json.at("/totals/speaker_identity");
        assertThat(identity.at("/expected").asText()).isEqualTo("low");
        assertThat(identity.at("/enrolled_from").asText()).isEqualTo("recordings");
        assertThat(identity.at("/speakers").toString()).isEqualTo("[\"bright\",\"low\"]");
        assertThat(identity.at("/synthesized/items").asInt()).isEqualTo(3);
        assertThat(identity.at("/synthesized/assigned_to_expected").asInt()).isEqualTo(synthesized.correct());
        assertThat(identity.at("/reference/share").asDouble()).isEqualTo(1.0);
        assertThat(identity.at("/reference/confusion/low").asInt()).isEqualTo(2);
        assertThat(json.at("/items/0/assigned_speaker").asText()).isEqualTo(report.items().get(0).speaker().speaker());
        assertThat(json.at("/items/0/reference_assigned_speaker").asText()).isEqualTo("low");
        assertThat(json.at("/items/1/reference_speaker_distances/low").isNumber()).isTrue();
        assertThat(json.at("/items/2/reference_assigned_speaker").isMissingNode()).isTrue();
        assertThat(report.summary()).contains("speaker identity").contains("assigned to low (nearest of 2 enrolled from recordings)")
                .contains("reference (teacher) 100.0% (2 of 2)");
    }

    @Test
    void withoutASpeakerCheckTheReportHasNoSpeakerIdentity() throws Exception {
        EvaluationReport report = new EvaluationReport("v", "r", List.of());
        assertThat(report.speakerAccuracy()).isNull();
        assertThat(new ObjectMapper().readTree(report.toJson()).at("/totals/speaker_identity").isMissingNode()).isTrue();
        assertThat(report.summary()).doesNotContain("speaker identity");
    }

    @Test
    void withPocketSphinxAndFliteReferencesTheReferencesAreUnderstoodAndNoiseIsNot() throws Exception {
        PocketSphinxRecognizerTest.requireTool(PocketSphinxRecognizer.isAvailable(), "pocketsphinx");
        Path refs = Files.createDirectories(dir.resolve("refs"));
        String text = "the quick brown fox jumps over the lazy dog";
        try {
            Process p = new ProcessBuilder("flite", "-voice", "slt", "-t", text, "-o", refs.resolve("fox.wav").toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor()).isZero();
        } catch (java.io.IOException e) {
            PocketSphinxRecognizerTest.requireTool(false, "flite");
        }
        Path texts = Files.writeString(dir.resolve("texts.txt"), "fox|" + text + "\n");
        EvaluationReport report;
        try (Voice voice = Voice.load(tinyVoice(dir.resolve("voice")))) {
            report = IntelligibilityEvaluation.builder().setSynthesizer(Synthesizer.of(voice))
                    .setRecognizer(new PocketSphinxRecognizer())
                    .optOptions(SynthesisOptions.builder().optMaxSteps(40).build())
                    .optReferenceWavs(refs).build().run(EvaluationTexts.read(texts));
        }
        EvaluationReport.ItemResult fox = report.items().get(0);
        assertThat(fox.referenceWer().rate()).as("flite heard as '%s'", fox.referenceHypothesis()).isLessThan(0.35);
        assertThat(fox.wer().rate()).as("noise heard as '%s'", fox.hypothesis()).isGreaterThan(0.5);
        assertThat(fox.mcd()).isPositive().isFinite();
        assertThat(fox.measures().voicingError()).isFinite();
    }

    @Test
    void textsFilesAcceptIdsLjSpeechRowsAndPlainLines() throws Exception {
        Path f = Files.writeString(dir.resolve("t.txt"),
                "LJ001-0001|Raw 1 text.|Raw one text.\nplain line here\n\nx_2|With id\nsecond plain\n");
        assertThat(EvaluationTexts.read(f)).containsExactly(
                new EvaluationTexts.Item("LJ001-0001", "Raw one text."),
                new EvaluationTexts.Item("0002", "plain line here"),
                new EvaluationTexts.Item("x_2", "With id"),
                new EvaluationTexts.Item("0004", "second plain"));
    }

    @Test
    void anIdsFileSelectsAndOrders() throws Exception {
        Path f = Files.writeString(dir.resolve("t.txt"), "a|one\nb|two\nc|three\n");
        Path ids = Files.writeString(dir.resolve("ids.txt"), "c\n\na\n");
        assertThat(EvaluationTexts.select(EvaluationTexts.read(f), ids)).containsExactly(
                new EvaluationTexts.Item("c", "three"), new EvaluationTexts.Item("a", "one"));
        Path unknown = Files.writeString(dir.resolve("unknown.txt"), "a\nzz\n");
        assertThatThrownBy(() -> EvaluationTexts.select(EvaluationTexts.read(f), unknown))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("zz");
    }

    @Test
    void badTextsFilesAreNamed() throws Exception {
        assertThatThrownBy(() -> EvaluationTexts.read(dir.resolve("none.txt")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("none.txt");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n# only a comment\n");
        assertThatThrownBy(() -> EvaluationTexts.read(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no sentences");
        Path twice = Files.writeString(dir.resolve("twice.txt"), "a|one\na|two\n");
        assertThatThrownBy(() -> EvaluationTexts.read(twice)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2").hasMessageContaining("twice");
    }
}
