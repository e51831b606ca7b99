package io.mytts.synth;

import io.mytts.audio.AudioClip;
import java.util.List;

/**
 * The audio of a request and what happened on the way.
 *
 * @param audio the speech, sentences joined with short pauses; empty when it was streamed
 *     ({@link Synthesizer#stream})
 * @param sentences per sentence: text, alignment score, stop token, failures, timings; when the
 *     request did not {@link SynthesisOptions#keepSentences() keep sentences}, only those with
 *     something to report (a failure, a repair, a cut at the step cap), at most
 *     {@value #MAX_REPORTED_SENTENCES}
 * @param tally counts over all the sentences, kept or not
 * @param frontendMillis normalisation, splitting and tokenization of the whole text
 * @param decodeMillis model decoding, all batches
 * @param vocoderMillis mel to audio, all sentences
 * @param totalMillis wall time of the request
 * @param timeToFirstAudioMillis from the call until the first sentence's audio was ready
 * @param timeline when each sentence, word and SSML mark is said; marks only when the request did
 *     not {@link SynthesisOptions#keepSentences() keep sentences}
 * @param warnings what in the request could not be done as asked (unsupported SSML, a voice or
 *     language that is not available), each once
 */
public record SynthesisResult(
        AudioClip audio,
        List<SentenceResult> sentences,
        SentenceTally tally,
        double frontendMillis,
        double decodeMillis,
        double vocoderMillis,
        double totalMillis,
        double timeToFirstAudioMillis,
        Timeline timeline,
        List<String> warnings) {

    /** The most sentences a result that does not keep them all still lists (those with something to report). */
    public static final int MAX_REPORTED_SENTENCES = 100;

    public SynthesisResult {
        sentences = List.copyOf(sentences);
        warnings = List.copyOf(warnings);
    }

    /** The length of the audio, also when it was streamed and not kept. */
    public double durationSeconds() {
        return timeline.durationSeconds();
    }

    /** The same result with this audio (the request's, when it was kept in memory). */
    SynthesisResult withAudio(AudioClip clip) {
        return new SynthesisResult(clip, sentences, tally, frontendMillis, decodeMillis, vocoderMillis, totalMillis,
                timeToFirstAudioMillis, timeline, warnings);
    }

    /** Wall time over audio duration: below 1 is faster than real time. */
    public double realTimeFactor() {
        double seconds = durationSeconds();
        return seconds == 0 ? Double.POSITIVE_INFINITY : totalMillis / 1000.0 / seconds;
    }

    /** Sentences (chunks) spoken, also those the result did not keep. */
    public long sentenceCount() {
        return tally.sentences();
    }

    /** Whether every sentence ended with the stop token. */
    public boolean allStopped() {
        return tally.cut() == 0;
    }

    /** Sentences cut at the step cap without the stop token. */
    public long cutSentences() {
        return tally.cut();
    }

    /** The lowest alignment score of any sentence: one bad sentence spoils a request. */
    public double minAlignmentScore() {
        return tally.minAlignmentScore();
    }

    public double meanAlignmentScore() {
        return tally.meanAlignmentScore();
    }

    /** Sentences decoded again after a failure ({@link SynthesisOptions#repair()}), resolved or not. */
    public long repairedSentences() {
        return tally.repaired();
    }

    /** Sentences with any failure the detectors found (skip, repeat, stuck, no stop). */
    public long failedSentences() {
        return tally.failed();
    }
}
