package io.mytts.eval;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Synthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How intelligible a voice is: each sentence is synthesized, resampled to the recognizer's rate,
 * transcribed, and scored by word error rate against its text; with reference recordings
 * ({@code DIR/ID.wav}, the teacher voice reading the same lines) their own WER and the
 * {@link ReferenceMeasures} of the synthesized audio against them (MCD, STOI, ESTOI, F0 RMSE and
 * voicing error, time-warped) are measured too. Given a {@link SpeakerIdentifier} and the speaker
 * the voice should sound like, each synthesized sentence (and each reference) is assigned to its
 * nearest enrolled speaker. Real-time factor, time to first audio and the alignment failure
 * detectors' counts come along.
 */
public final class IntelligibilityEvaluation {

    private final Synthesizer synthesizer;
    private final SpeechRecognizer recognizer;
    private final String recognizerName;
    private final SynthesisOptions options;
    private final Path referenceWavs;
    private final int limit;
    private final SpeakerIdentifier speakers;
    private final String expectedSpeaker;

    private IntelligibilityEvaluation(Builder b) {
        this.synthesizer = b.synthesizer;
        this.recognizer = b.recognizer;
        this.recognizerName = b.recognizerName != null ? b.recognizerName : b.recognizer.getClass().getSimpleName();
        this.options = b.options;
        this.referenceWavs = b.referenceWavs;
        this.limit = b.limit;
        this.speakers = b.speakers;
        this.expectedSpeaker = b.expectedSpeaker;
    }

    public static Builder builder() {
        return new Builder();
    }

    public EvaluationReport run(List<EvaluationTexts.Item> texts) {
        return run(texts, null);
    }

    /** Evaluates the first {@code limit} texts; {@code progress} hears of each finished item (may be null). */
    public EvaluationReport run(List<EvaluationTexts.Item> texts, Consumer<EvaluationReport.ItemResult> progress) {
        List<EvaluationTexts.Item> todo = texts.subList(0, Math.min(limit, texts.size()));
        List<EvaluationReport.ItemResult> results = new ArrayList<>();
        for (EvaluationTexts.Item item : todo) {
            EvaluationReport.ItemResult r = evaluate(item);
            results.add(r);
            if (progress != null) {
                progress.accept(r);
            }
        }
        EvaluationReport.SpeakerCheck check = speakers == null ? null
                : new EvaluationReport.SpeakerCheck(expectedSpeaker, speakers.source(), speakers.names());
        return new EvaluationReport(synthesizer.voice().name(), recognizerName, results, check);
    }

    private EvaluationReport.ItemResult evaluate(EvaluationTexts.Item item) {
        SynthesisResult s;
        try {
            s = synthesizer.synthesize(item.text(), options);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("sentence " + item.id() + ": " + e.getMessage(), e);
        }
        String hypothesis = recognizer.transcribe(s.audio(), item.id());
        WordErrorRate.Counts wer = WordErrorRate.count(item.text(), hypothesis);

        String refHypothesis = null;
        WordErrorRate.Counts refWer = null;
        ReferenceMeasures measures = ReferenceMeasures.NONE;
        SpeakerIdentification speaker = speakers == null ? null : speakers.identify(s.audio());
        SpeakerIdentification refSpeaker = null;
        Path refFile = referenceWavs == null ? null : referenceWavs.resolve(item.id() + ".wav");
        if (refFile != null && Files.isRegularFile(refFile)) {
            AudioClip ref = WavIO.read(refFile);
            refHypothesis = recognizer.transcribe(ref, item.id());
            refWer = WordErrorRate.count(item.text(), refHypothesis);
            refSpeaker = speakers == null ? null : speakers.identify(ref);
            if (s.audio().samples().length > 0) {
                measures = ReferenceMeasures.compare(s.audio(), ref, synthesizer.voice().audio(),
                        ReferenceMeasures.Alignment.WARPED);
            }
        }
        List<SentenceResult> chunks = s.sentences();
        return new EvaluationReport.ItemResult(item.id(), item.text(), hypothesis, wer, s.durationSeconds(),
                s.totalMillis(), s.timeToFirstAudioMillis(), chunks.size(), s.minAlignmentScore(), s.allStopped(),
                (int) chunks.stream().filter(c -> !c.failures().skippedTokens().isEmpty()).count(),
                (int) chunks.stream().filter(c -> !c.failures().repeatedTokens().isEmpty()).count(),
                (int) chunks.stream().filter(c -> c.failures().attentionStuck()).count(),
                (int) chunks.stream().filter(SentenceResult::hitStepCap).count(),
                refHypothesis, refWer, measures, speaker, refSpeaker);
    }

    /** Options: synthesizer and recognizer are required. */
    public static final class Builder {
        private Synthesizer synthesizer;
        private SpeechRecognizer recognizer;
        private String recognizerName;
        private SynthesisOptions options = SynthesisOptions.defaults();
        private Path referenceWavs;
        private int limit = Integer.MAX_VALUE;
        private SpeakerIdentifier speakers;
        private String expectedSpeaker;

        private Builder() {}

        public Builder setSynthesizer(Synthesizer synthesizer) {
            this.synthesizer = synthesizer;
            return this;
        }

        public Builder setRecognizer(SpeechRecognizer recognizer) {
            this.recognizer = recognizer;
            return this;
        }

        /** The recognizer's name in the report (default: its class name). */
        public Builder optRecognizerName(String name) {
            this.recognizerName = name;
            return this;
        }

        public Builder optOptions(SynthesisOptions options) {
            this.options = options;
            return this;
        }

        /** A folder of {@code ID.wav} recordings of the same sentences. */
        public Builder optReferenceWavs(Path folder) {
            this.referenceWavs = folder;
            return this;
        }

        /** Evaluate only the first {@code n} sentences. */
        public Builder optLimit(int n) {
            this.limit = n;
            return this;
        }

        /**
         * Assign each synthesized sentence (and reference) to its nearest speaker of {@code identifier};
         * the report gives the share assigned to {@code expected}, one of the identifier's speakers.
         */
        public Builder optSpeakerCheck(SpeakerIdentifier identifier, String expected) {
            this.speakers = identifier;
            this.expectedSpeaker = expected;
            return this;
        }

        public IntelligibilityEvaluation build() {
            if (synthesizer == null || recognizer == null) {
                throw new InvalidInputException("an evaluation needs a synthesizer and a speech recognizer");
            }
            if (limit < 1) {
                throw new InvalidInputException("the limit must be at least 1, not " + limit);
            }
            if (referenceWavs != null && !Files.isDirectory(referenceWavs)) {
                throw new InvalidInputException("reference folder " + referenceWavs
                        + " does not exist; give the folder that holds ID.wav recordings");
            }
            if (speakers != null && !speakers.names().contains(expectedSpeaker)) {
                throw new InvalidInputException("speaker " + expectedSpeaker + " is not one of the speakers enrolled from "
                        + speakers.source() + " (" + String.join(", ", speakers.names()) + "); name the one the voice"
                        + " should sound like");
            }
            return new IntelligibilityEvaluation(this);
        }
    }
}
