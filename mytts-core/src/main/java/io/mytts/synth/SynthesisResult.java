package io.mytts.synth;

import io.mytts.audio.AudioClip;
import java.util.List;

/**
 * The audio of a request and what happened on the way.
 *
 * @param audio the speech, sentences joined with short pauses; empty when it was streamed
 *     ({@link Synthesizer#stream})
 * @param sentences per sentence: text, alignment score, stop token, failures, timings
 * @param frontendMillis normalisation, splitting and tokenization of the whole text
 * @param decodeMillis model decoding, all batches
 * @param vocoderMillis mel to audio, all sentences
 * @param totalMillis wall time of the request
 * @param timeToFirstAudioMillis from the call until the first sentence's audio was ready
 * @param timeline when each sentence, word and SSML mark is said
 * @param warnings what in the request could not be done as asked (unsupported SSML, a voice or
 *     language that is not available), each once
 */
public record SynthesisResult(
        AudioClip audio,
        List<SentenceResult> sentences,
        double frontendMillis,
        double decodeMillis,
        double vocoderMillis,
        double totalMillis,
        double timeToFirstAudioMillis,
        Timeline timeline,
        List<String> warnings) {

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
        return new SynthesisResult(clip, sentences, frontendMillis, decodeMillis, vocoderMillis, totalMillis,
                timeToFirstAudioMillis, timeline, warnings);
    }

    /** Wall time over audio duration: below 1 is faster than real time. */
    public double realTimeFactor() {
        double seconds = durationSeconds();
        return seconds == 0 ? Double.POSITIVE_INFINITY : totalMillis / 1000.0 / seconds;
    }

    /** Whether every sentence ended with the stop token. */
    public boolean allStopped() {
        return sentences.stream().allMatch(SentenceResult::stopFired);
    }

    /** The lowest alignment score of any sentence: one bad sentence spoils a request. */
    public double minAlignmentScore() {
        return sentences.stream().mapToDouble(SentenceResult::alignmentScore).min().orElse(Double.NaN);
    }

    public double meanAlignmentScore() {
        return sentences.stream().mapToDouble(SentenceResult::alignmentScore).average().orElse(Double.NaN);
    }

    /** Sentences decoded again after a failure ({@link SynthesisOptions#repair()}), resolved or not. */
    public long repairedSentences() {
        return sentences.stream().filter(SentenceResult::repaired).count();
    }

    /** Sentences with any failure the detectors found (skip, repeat, stuck, no stop). */
    public long failedSentences() {
        return sentences.stream().filter(s -> s.failures().any()).count();
    }
}
