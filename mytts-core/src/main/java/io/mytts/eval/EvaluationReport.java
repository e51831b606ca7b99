package io.mytts.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The outcome of an {@link IntelligibilityEvaluation}: one {@link ItemResult} per sentence and the
 * totals, as JSON ({@link #toJson()}) and as a short summary for people ({@link #summary()}).
 *
 * @param voice the voice's name
 * @param recognizer the recognizer's name
 * @param items per sentence
 * @param speakerCheck the speaker identity check, or null when none was asked for
 */
public record EvaluationReport(String voice, String recognizer, List<ItemResult> items, SpeakerCheck speakerCheck) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The reference measures by their JSON names, each with its value for an item. */
    private static final Map<String, ToDoubleFunction<ItemResult>> MEASURES = measures();

    public EvaluationReport {
        items = List.copyOf(items);
    }

    /** A report without a speaker identity check. */
    public EvaluationReport(String voice, String recognizer, List<ItemResult> items) {
        this(voice, recognizer, items, null);
    }

    /**
     * What the speaker identity check compared against.
     *
     * @param expected the speaker the voice should sound like
     * @param enrolledFrom the corpus the speakers were enrolled from
     * @param speakers the enrolled speakers
     */
    public record SpeakerCheck(String expected, String enrolledFrom, List<String> speakers) {
        public SpeakerCheck {
            speakers = List.copyOf(speakers);
        }
    }

    /**
     * One evaluated sentence (request).
     *
     * @param id its id
     * @param text the reference text
     * @param hypothesis what the recognizer heard in the synthesized audio
     * @param wer its word edit counts against the text
     * @param seconds synthesized audio duration
     * @param synthesisMillis wall time of synthesis
     * @param timeToFirstAudioMillis time until its first sentence's audio was ready
     * @param sentences chunks it was spoken in
     * @param minAlignmentScore the lowest diagonality of its chunks
     * @param stopFired whether every chunk ended with the stop token
     * @param skipped chunks where the detectors found skipped words
     * @param repeated chunks where they found repeated words
     * @param stuck chunks whose attention got stuck
     * @param noStop chunks that ran to the step cap
     * @param referenceHypothesis what the recognizer heard in the reference recording, or null
     * @param referenceWer its counts, or null
     * @param measures MCD, STOI, ESTOI, F0 RMSE and voicing error of the synthesized audio against the
     *     reference (time-warped: see {@link ReferenceMeasures}); {@link ReferenceMeasures#NONE} without one
     * @param speaker the enrolled speaker the synthesized audio is nearest to, or null without a speaker check
     * @param referenceSpeaker the one the reference recording is nearest to, or null
     */
    public record ItemResult(
            String id, String text, String hypothesis, WordErrorRate.Counts wer,
            double seconds, double synthesisMillis, double timeToFirstAudioMillis, int sentences,
            double minAlignmentScore, boolean stopFired, int skipped, int repeated, int stuck, int noStop,
            String referenceHypothesis, WordErrorRate.Counts referenceWer, ReferenceMeasures measures,
            SpeakerIdentification speaker, SpeakerIdentification referenceSpeaker) {

        public ItemResult {
            measures = measures == null ? ReferenceMeasures.NONE : measures;
        }

        /** Mel cepstral distortion (dB) against the reference, or NaN. */
        public double mcd() {
            return measures.mcd();
        }

        public double realTimeFactor() {
            return seconds == 0 ? Double.POSITIVE_INFINITY : synthesisMillis / 1000.0 / seconds;
        }

        /** Whether no chunk skipped or repeated a word. */
        public boolean freeOfSkipsAndRepeats() {
            return skipped == 0 && repeated == 0;
        }
    }

    /** The synthesized sentences' speaker assignments; null without a speaker check. */
    public SpeakerAccuracy speakerAccuracy() {
        return speakerCheck == null ? null : SpeakerAccuracy.of(speakerCheck.expected(),
                items.stream().map(ItemResult::speaker).filter(java.util.Objects::nonNull).toList());
    }

    /** The reference recordings' speaker assignments (the reference accuracy); null without a speaker check. */
    public SpeakerAccuracy referenceSpeakerAccuracy() {
        return speakerCheck == null ? null : SpeakerAccuracy.of(speakerCheck.expected(),
                items.stream().map(ItemResult::referenceSpeaker).filter(java.util.Objects::nonNull).toList());
    }

    /** Corpus WER: all errors over all reference words. */
    public double wer() {
        return items.stream().map(ItemResult::wer).reduce(WordErrorRate.Counts.zero(), WordErrorRate.Counts::plus).rate();
    }

    /** Corpus WER of the reference recordings over the items that have one; NaN when none. */
    public double referenceWer() {
        List<WordErrorRate.Counts> refs = items.stream().map(ItemResult::referenceWer)
                .filter(java.util.Objects::nonNull).toList();
        return refs.isEmpty() ? Double.NaN
                : refs.stream().reduce(WordErrorRate.Counts.zero(), WordErrorRate.Counts::plus).rate();
    }

    /** Corpus WER of the synthesized audio on the items that have a reference. */
    public double werOnReferencedItems() {
        List<ItemResult> withRef = items.stream().filter(i -> i.referenceWer() != null).toList();
        return withRef.isEmpty() ? Double.NaN
                : withRef.stream().map(ItemResult::wer).reduce(WordErrorRate.Counts.zero(), WordErrorRate.Counts::plus).rate();
    }

    public long referencedItems() {
        return items.stream().filter(i -> i.referenceWer() != null).count();
    }

    public double meanMcd() {
        return mean(ItemResult::mcd);
    }

    /** Mean of a reference measure over the items that have it (NaN when none has). */
    public double mean(ToDoubleFunction<ItemResult> measure) {
        return items.stream().mapToDouble(measure).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    /** Median of a reference measure over the items that have it (NaN when none has). */
    public double median(ToDoubleFunction<ItemResult> measure) {
        return median(items.stream().mapToDouble(measure).filter(d -> !Double.isNaN(d)).toArray());
    }

    private static Map<String, ToDoubleFunction<ItemResult>> measures() {
        Map<String, ToDoubleFunction<ItemResult>> m = new LinkedHashMap<>();
        m.put("mcd_db", i -> i.measures().mcd());
        m.put("stoi", i -> i.measures().stoi());
        m.put("estoi", i -> i.measures().estoi());
        m.put("f0_rmse_cents", i -> i.measures().f0RmseCents());
        m.put("voicing_error", i -> i.measures().voicingError());
        return m;
    }

    /** All synthesis time over all audio. */
    public double realTimeFactor() {
        double seconds = items.stream().mapToDouble(ItemResult::seconds).sum();
        double millis = items.stream().mapToDouble(ItemResult::synthesisMillis).sum();
        return seconds == 0 ? Double.POSITIVE_INFINITY : millis / 1000.0 / seconds;
    }

    public double medianRealTimeFactor() {
        return median(items.stream().mapToDouble(ItemResult::realTimeFactor).toArray());
    }

    public double medianTimeToFirstAudioMillis() {
        return median(items.stream().mapToDouble(ItemResult::timeToFirstAudioMillis).toArray());
    }

    /** Share of items with no skipped or repeated word in any chunk. */
    public double shareFreeOfSkipsAndRepeats() {
        return items.isEmpty() ? Double.NaN
                : items.stream().filter(ItemResult::freeOfSkipsAndRepeats).count() / (double) items.size();
    }

    public int totalSentences() {
        return items.stream().mapToInt(ItemResult::sentences).sum();
    }

    public int skippedSentences() {
        return items.stream().mapToInt(ItemResult::skipped).sum();
    }

    public int repeatedSentences() {
        return items.stream().mapToInt(ItemResult::repeated).sum();
    }

    public int stuckSentences() {
        return items.stream().mapToInt(ItemResult::stuck).sum();
    }

    public int noStopSentences() {
        return items.stream().mapToInt(ItemResult::noStop).sum();
    }

    static double median(double[] values) {
        return Median.of(values);
    }

    /** Totals then items, snake_case keys; NaN as null. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("items", items.size());
        totals.put("sentences", totalSentences());
        totals.put("wer", number(wer()));
        totals.put("reference_items", referencedItems());
        totals.put("reference_wer", number(referenceWer()));
        totals.put("wer_on_reference_items", number(werOnReferencedItems()));
        totals.put("wer_ratio_to_reference", number(werOnReferencedItems() / referenceWer()));
        MEASURES.forEach((name, measure) -> {
            totals.put("mean_" + name, number(mean(measure)));
            totals.put("median_" + name, number(median(measure)));
        });
        totals.put("reference_alignment", "dynamic time warping (see ReferenceMeasures)");
        totals.put("real_time_factor", number(realTimeFactor()));
        totals.put("median_real_time_factor", number(medianRealTimeFactor()));
        totals.put("median_time_to_first_audio_ms", number(medianTimeToFirstAudioMillis()));
        Map<String, Object> failures = new LinkedHashMap<>();
        failures.put("skipped", skippedSentences());
        failures.put("repeated", repeatedSentences());
        failures.put("stuck", stuckSentences());
        failures.put("no_stop", noStopSentences());
        failures.put("share_of_items_free_of_skips_and_repeats", number(shareFreeOfSkipsAndRepeats()));
        totals.put("alignment_failures", failures);
        if (speakerCheck != null) {
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("expected", speakerCheck.expected());
            identity.put("enrolled_from", speakerCheck.enrolledFrom());
            identity.put("speakers", speakerCheck.speakers());
            identity.put("measure", "nearest speaker by diagonal-Gaussian log-likelihood of MFCC 1..24 and deltas"
                    + " (see SpeakerIdentifier)");
            identity.put("synthesized", speakerAccuracy().toJsonMap());
            if (referenceSpeakerAccuracy().total() > 0) {
                identity.put("reference", referenceSpeakerAccuracy().toJsonMap());
            }
            totals.put("speaker_identity", identity);
        }

        List<Map<String, Object>> list = new ArrayList<>();
        for (ItemResult i : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i.id());
            m.put("text", i.text());
            m.put("hypothesis", i.hypothesis());
            m.put("wer", number(i.wer().rate()));
            m.put("errors", i.wer().errors());
            m.put("words", i.wer().referenceWords());
            m.put("seconds", number(i.seconds()));
            m.put("real_time_factor", number(i.realTimeFactor()));
            m.put("time_to_first_audio_ms", number(i.timeToFirstAudioMillis()));
            m.put("sentences", i.sentences());
            m.put("min_alignment_score", number(i.minAlignmentScore()));
            m.put("stop_fired", i.stopFired());
            m.put("skipped", i.skipped());
            m.put("repeated", i.repeated());
            m.put("stuck", i.stuck());
            m.put("no_stop", i.noStop());
            if (i.referenceWer() != null) {
                m.put("reference_hypothesis", i.referenceHypothesis());
                m.put("reference_wer", number(i.referenceWer().rate()));
                MEASURES.forEach((name, measure) -> m.put(name, number(measure.applyAsDouble(i))));
            }
            if (i.speaker() != null) {
                m.put("assigned_speaker", i.speaker().speaker());
                m.put("speaker_distances", i.speaker().distances());
            }
            if (i.referenceSpeaker() != null) {
                m.put("reference_assigned_speaker", i.referenceSpeaker().speaker());
                m.put("reference_speaker_distances", i.referenceSpeaker().distances());
            }
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("voice", voice);
        root.put("recognizer", recognizer);
        root.put("totals", totals);
        root.put("items", list);
        return root;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(toJsonMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the evaluation report", e);
        }
    }

    /** A few lines for a terminal. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "voice %s, %d sentences (%d chunks), recognizer %s%n", voice, items.size(),
                totalSentences(), recognizer));
        s.append(String.format(Locale.ROOT, "  WER                 %6.1f%%%n", 100 * wer()));
        if (referencedItems() > 0) {
            s.append(String.format(Locale.ROOT, "  reference WER       %6.1f%%  (synthesized on the same %d: %.1f%%, ratio %.2f)%n",
                    100 * referenceWer(), referencedItems(), 100 * werOnReferencedItems(),
                    werOnReferencedItems() / referenceWer()));
            s.append(String.format(Locale.ROOT, "  MCD                 %6.2f dB  (median %.2f)%n", meanMcd(),
                    median(ItemResult::mcd)));
            s.append(String.format(Locale.ROOT, "  STOI / ESTOI        %6.3f / %.3f  (medians %.3f / %.3f; time-warped)%n",
                    mean(i -> i.measures().stoi()), mean(i -> i.measures().estoi()),
                    median(i -> i.measures().stoi()), median(i -> i.measures().estoi())));
            s.append(String.format(Locale.ROOT, "  F0 RMSE             %6.0f cents  (median %.0f); voicing error %.1f%% (median %.1f%%)%n",
                    mean(i -> i.measures().f0RmseCents()), median(i -> i.measures().f0RmseCents()),
                    100 * mean(i -> i.measures().voicingError()), 100 * median(i -> i.measures().voicingError())));
        }
        if (speakerCheck != null) {
            s.append(String.format(Locale.ROOT, "  speaker identity    %s assigned to %s (nearest of %d enrolled from %s)%n",
                    speakerAccuracy().describe(), speakerCheck.expected(), speakerCheck.speakers().size(),
                    speakerCheck.enrolledFrom()));
            if (referenceSpeakerAccuracy().total() > 0) {
                s.append(String.format(Locale.ROOT, "    reference (teacher) %s%n", referenceSpeakerAccuracy().describe()));
            }
        }
        s.append(String.format(Locale.ROOT, "  real-time factor    %6.3f  (median per sentence %.3f)%n", realTimeFactor(),
                medianRealTimeFactor()));
        s.append(String.format(Locale.ROOT, "  time to first audio %6.0f ms (median)%n", medianTimeToFirstAudioMillis()));
        s.append(String.format(Locale.ROOT, "  alignment failures  %d skipped, %d repeated, %d stuck, %d without stop"
                + " (of %d chunks); %.1f%% of sentences free of skips and repeats%n", skippedSentences(),
                repeatedSentences(), stuckSentences(), noStopSentences(), totalSentences(),
                100 * shareFreeOfSkipsAndRepeats()));
        return s.toString();
    }

    private static Object number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
