package io.mytts.eval;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.MelSpectrogram;
import io.mytts.audio.Vocoder;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.data.FeatureCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Copy synthesis: each sentence's reference recording (the teacher reading it) is taken to its
 * log-mel and back to audio by every vocoder under test, so the vocoder is judged alone, with no
 * acoustic model in between. Each result is scored against the recording: word error rate by the
 * recognizer (and the recording's own, for the ratio), MCD, STOI, ESTOI, F0 RMSE and voicing
 * error, time-aligned, and the vocoder's real-time factor.
 *
 * <p>With an acoustic model's teacher-forced mels of the same utterances ({@link
 * #fromPredictedMels}, {@code mytts vocoder mels}), the vocoders are given those instead: the
 * acoustic model is then judged with the recording's own timing and pitch, which separates what its
 * mel gets wrong from what its duration and pitch predictions do.
 */
public final class VocoderEvaluation {

    /** One vocoder's scores on one sentence. */
    public record Score(WordErrorRate.Counts wer, ReferenceMeasures measures, double realTimeFactor) {}

    /** One sentence: the recording's own transcription and every vocoder's score. */
    public record Item(String id, String text, WordErrorRate.Counts referenceWer, Map<String, Score> scores) {}

    /** A vocoder's totals: pooled WER, medians of the rest. */
    public record Summary(String vocoder, double wer, double werRatio, double mcd, double stoi, double estoi,
            double f0RmseCents, double voicingError, double realTimeFactor) {}

    private final Map<String, Vocoder> vocoders;
    private final SpeechRecognizer recognizer;
    private final AudioConfig audio;
    private final Function<EvaluationTexts.Item, AudioClip> references;
    /** The mel each vocoder is given for a sentence; null: the reference recording's own. */
    private final Function<EvaluationTexts.Item, float[][]> mels;

    /**
     * @param vocoders the vocoders by the name the report gives them, in report order
     * @param recognizer transcribes every clip
     * @param audio the mel convention all the vocoders take
     * @param references the recording of a sentence (a folder of ID.wav or a teacher voice)
     */
    public VocoderEvaluation(Map<String, Vocoder> vocoders, SpeechRecognizer recognizer, AudioConfig audio,
            Function<EvaluationTexts.Item, AudioClip> references) {
        this(vocoders, recognizer, audio, references, null);
    }

    /**
     * As {@link #VocoderEvaluation(Map, SpeechRecognizer, AudioConfig, Function)}, the vocoders given
     * {@code mels} of each sentence (null: the reference recording's own log-mel).
     */
    public VocoderEvaluation(Map<String, Vocoder> vocoders, SpeechRecognizer recognizer, AudioConfig audio,
            Function<EvaluationTexts.Item, AudioClip> references, Function<EvaluationTexts.Item, float[][]> mels) {
        if (vocoders.isEmpty()) {
            throw new IllegalArgumentException("no vocoder to evaluate");
        }
        this.vocoders = new LinkedHashMap<>(vocoders);
        this.recognizer = recognizer;
        this.audio = audio;
        this.references = references;
        this.mels = mels;
    }

    /**
     * The mels of a cache of predicted mels ({@code mytts vocoder mels}) by sentence id; a sentence
     * the cache lacks is an error naming it, and a cache of other bands than {@code audio}'s is refused.
     */
    public static Function<EvaluationTexts.Item, float[][]> fromPredictedMels(FeatureCache cache, AudioConfig audio) {
        if (cache.nMels() != audio.nMels()) {
            throw new InvalidInputException(cache.dir() + " holds mels of " + cache.nMels() + " bands, but the vocoder"
                    + " takes " + audio.nMels());
        }
        return item -> {
            if (!cache.contains(item.id())) {
                throw new InvalidInputException("sentence " + item.id() + " has no mel in " + cache.dir()
                        + "; evaluate ids of the corpus the mels were made for");
            }
            return cache.read(item.id()).mel();
        };
    }

    /** References read from {@code folder/ID.wav}; a sentence without one is an error naming the file. */
    public static Function<EvaluationTexts.Item, AudioClip> referenceFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("--reference-wavs " + folder + " is not a folder");
        }
        return item -> {
            Path file = folder.resolve(item.id() + ".wav");
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("no reference recording " + file + " for sentence " + item.id());
            }
            return WavIO.read(file);
        };
    }

    public Item evaluate(EvaluationTexts.Item item) {
        AudioClip reference = references.apply(item).resampledTo(audio.sampleRate());
        float[][] mel = new MelSpectrogram(audio).compute(reference.samples());
        if (mel.length == 0) {
            throw new InvalidInputException("sentence " + item.id() + ": the reference recording is too short for one frame");
        }
        if (mels != null) {
            float[][] predicted = mels.apply(item);
            // Teacher-forced mels are cut to the recording's frames; more than a frame apart, they are not its.
            if (Math.abs(predicted.length - mel.length) > 1) {
                throw new InvalidInputException("sentence " + item.id() + ": the predicted mel has " + predicted.length
                        + " frames but its reference recording " + mel.length + "; are the mels of this corpus?");
            }
            mel = predicted;
        }
        WordErrorRate.Counts referenceWer = WordErrorRate.count(item.text(), recognizer.transcribe(reference, item.id()));
        Map<String, Score> scores = new LinkedHashMap<>();
        for (Map.Entry<String, Vocoder> v : vocoders.entrySet()) {
            long start = System.nanoTime();
            float[] samples = v.getValue().synthesize(mel);
            double seconds = (System.nanoTime() - start) / 1e9;
            AudioClip out = new AudioClip(samples, v.getValue().sampleRate());
            // The reference cut to whole frames: what the mel describes.
            AudioClip cut = new AudioClip(Arrays.copyOf(reference.samples(), mel.length * audio.hopLength()),
                    reference.sampleRate());
            ReferenceMeasures measures = ReferenceMeasures.compare(out, cut, audio, ReferenceMeasures.Alignment.TIME_ALIGNED);
            WordErrorRate.Counts wer = WordErrorRate.count(item.text(), recognizer.transcribe(out, item.id()));
            scores.put(v.getKey(), new Score(wer, measures, seconds / out.durationSeconds()));
        }
        return new Item(item.id(), item.text(), referenceWer, scores);
    }

    public List<Item> run(List<EvaluationTexts.Item> texts, java.util.function.Consumer<Item> progress) {
        List<Item> items = new ArrayList<>();
        for (EvaluationTexts.Item t : texts) {
            Item i = evaluate(t);
            items.add(i);
            if (progress != null) {
                progress.accept(i);
            }
        }
        return items;
    }

    /** Each vocoder's totals over {@code items}, in the order the vocoders were given. */
    public static List<Summary> summarize(List<Item> items) {
        List<Summary> out = new ArrayList<>();
        if (items.isEmpty()) {
            return out;
        }
        double reference = referenceWer(items);
        for (String name : items.get(0).scores().keySet()) {
            WordErrorRate.Counts wer = WordErrorRate.Counts.zero();
            for (Item i : items) {
                wer = wer.plus(i.scores().get(name).wer());
            }
            out.add(new Summary(name, wer.rate(), reference > 0 ? wer.rate() / reference : Double.NaN,
                    median(items, name, m -> m.measures().mcd()), median(items, name, m -> m.measures().stoi()),
                    median(items, name, m -> m.measures().estoi()), median(items, name, m -> m.measures().f0RmseCents()),
                    median(items, name, m -> m.measures().voicingError()), median(items, name, Score::realTimeFactor)));
        }
        return out;
    }

    /** The recording's own pooled WER. */
    public static double referenceWer(List<Item> items) {
        WordErrorRate.Counts reference = WordErrorRate.Counts.zero();
        for (Item i : items) {
            reference = reference.plus(i.referenceWer());
        }
        return reference.rate();
    }

    private static double median(List<Item> items, String name, java.util.function.ToDoubleFunction<Score> f) {
        return Median.of(items.stream().mapToDouble(i -> f.applyAsDouble(i.scores().get(name)))
                .filter(Double::isFinite).toArray());
    }
}
