package io.mytts.vocoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import io.mytts.data.CachedUtterance;
import io.mytts.data.DataSplit;
import io.mytts.data.Dataset;
import io.mytts.data.DatasetReader;
import io.mytts.data.FeatureCache;
import io.mytts.data.FeatureCacheWriter;
import io.mytts.data.Utterance;
import io.mytts.train.BatchSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The vocoder's batches: random windows of a prepared corpus, each a run of log-mel frames from
 * the feature cache and the audio those frames describe; for validation, whole held-out utterances.
 * The mels may come from a second cache of the same utterances ({@link #checkMatches}): an acoustic
 * model's predictions ({@link PredictedMels}), with the audio still the corpus's recordings.
 *
 * <p>Frame t of the reference framing is centred on sample t·hop + hop/2, so frames
 * [t0, t0 + F) describe samples [t0·hop, (t0 + F)·hop): exactly what the generator's inverse STFT
 * returns for F frames. Utterances shorter than a window are padded with silence (the log floor,
 * zeros). The batch of step s depends only on (seed, s), so the position is the step alone.
 */
final class AudioSegments implements BatchSource<AudioSegments.Batch> {

    /**
     * One batch, flat as the tensors take it.
     *
     * @param mels {@code [size][frames][bands]} log-mels
     * @param audio {@code [size][samples]}: each window's audio, or an utterance's recording
     * @param size windows (1 for a validation utterance)
     * @param frames mel frames of each
     * @param text the utterance's text (validation), or null
     */
    record Batch(float[] mels, float[] audio, int size, int frames, String text) {

        /** {@code [size, frames, bands]} in {@code manager}. */
        NDArray mels(NDManager manager) {
            return manager.create(mels, new Shape(size, frames, mels.length / ((long) size * frames)));
        }

        /** {@code [size, samples]} in {@code manager}. */
        NDArray audio(NDManager manager) {
            return manager.create(audio, new Shape(size, audio.length / size));
        }
    }

    private final FeatureCache cache;
    private final FeatureCache melCache;
    private final Map<String, Path> audioFiles = new HashMap<>();
    private final List<String> train;
    private final List<String> validation;
    private final int hop;
    private final int sampleRate;
    private final float silence;
    private final long seed;
    private final int size;
    private final int frames;
    /** The last step whose batch was given. */
    private long step;

    /**
     * @param cache the corpus's feature cache: its ids, lengths and audio settings
     * @param mels where the mels are read: {@code cache}, or a cache of other mels of its utterances
     *     (checked with {@link #checkMatches})
     * @param seed picks the held-out utterances and every window
     * @param size windows per batch
     * @param frames mel frames per window
     */
    AudioSegments(Path corpus, FeatureCache cache, FeatureCache mels, int validationSize, long seed, int size,
            int frames) {
        if (mels != cache) {
            checkMatches(cache, mels);
        }
        this.cache = cache;
        this.melCache = mels;
        this.hop = cache.audioConfig().hopLength();
        this.sampleRate = cache.audioConfig().sampleRate();
        this.silence = (float) Math.log(cache.audioConfig().logFloor());
        this.seed = seed;
        this.size = size;
        this.frames = frames;
        Dataset dataset = new DatasetReader().read(corpus);
        for (Utterance u : dataset.utterances()) {
            audioFiles.put(u.id(), u.audio());
        }
        List<String> usable = new ArrayList<>();
        for (String id : cache.ids()) {
            if (audioFiles.containsKey(id)) {
                usable.add(id);
            }
        }
        if (usable.size() <= validationSize) {
            throw new InvalidInputException(corpus + ": only " + usable.size() + " utterances have both audio and"
                    + " prepared mels; a vocoder needs more than the " + validationSize + " held out for validation");
        }
        DataSplit split = DataSplit.bySeed(usable, validationSize, seed);
        this.train = split.train();
        this.validation = split.validation();
    }

    /**
     * Checks that {@code mels} holds mels of exactly the utterances of {@code corpus}: the same ids,
     * frame counts and audio settings, so that its frame t describes the corpus audio's samples
     * [t·hop, (t + 1)·hop).
     */
    static void checkMatches(FeatureCache corpus, FeatureCache mels) {
        String both = " (mels: " + mels.dir() + "; corpus: " + corpus.dir() + ")";
        if (!mels.audioConfig().equals(corpus.audioConfig())) {
            throw new InvalidInputException("the mel cache holds mels of " + NeuralVocoder.describe(mels.audioConfig())
                    + " but the corpus's are of " + NeuralVocoder.describe(corpus.audioConfig()) + both
                    + "; make the mels from this corpus with 'mytts vocoder mels'");
        }
        List<String> missing = corpus.ids().stream().filter(id -> !mels.contains(id)).toList();
        List<String> extra = mels.ids().stream().filter(id -> !corpus.contains(id)).toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            boolean incomplete = extra.isEmpty() && !mels.manifest().path(FeatureCacheWriter.COMPLETE_KEY).asBoolean(true);
            throw new InvalidInputException("the mel cache does not hold the corpus's utterances" + both + ": "
                    + (missing.isEmpty() ? "" : missing.size() + " of the corpus's " + corpus.ids().size()
                            + " are missing (first: " + missing.get(0) + ")")
                    + (!missing.isEmpty() && !extra.isEmpty() ? "; " : "")
                    + (extra.isEmpty() ? "" : extra.size() + " are not in the corpus (first: " + extra.get(0) + ")")
                    + (incomplete ? "; it is unfinished (made with --limit, or interrupted): run 'mytts vocoder mels'"
                            + " again without --limit to complete it"
                            : "; make the mels from this corpus with 'mytts vocoder mels'"));
        }
        for (String id : corpus.ids()) {
            if (mels.frames(id) != corpus.frames(id)) {
                throw new InvalidInputException("utterance " + id + " has " + mels.frames(id)
                        + " frames in the mel cache but " + corpus.frames(id) + " in the corpus" + both
                        + ": the mels do not describe the same audio; make them from this corpus with"
                        + " 'mytts vocoder mels'");
            }
        }
    }

    List<String> trainIds() {
        return train;
    }

    /** The audio of an utterance, checked against the cache's sample rate. */
    private float[] audio(String id) {
        AudioClip clip = WavIO.read(audioFiles.get(id));
        if (clip.sampleRate() != sampleRate) {
            clip = clip.resampledTo(sampleRate);
        }
        return clip.samples();
    }

    @Override
    public Batch next() {
        return batch(++step);
    }

    @Override
    public JsonNode position() {
        return JsonNodeFactory.instance.objectNode().put("step", step);
    }

    @Override
    public void seek(JsonNode position) {
        if (position == null || !position.path("step").canConvertToLong()) {
            throw new InvalidInputException("the checkpoint's data position " + position + " is not {\"step\": N}");
        }
        step = position.get("step").asLong();
    }

    @Override
    public List<String> validationIds() {
        return validation;
    }

    /** Each held-out utterance whole, read anew (a validation pass is rare, and the audio large). */
    @Override
    public List<Batch> validation() {
        List<Batch> out = new ArrayList<>();
        for (String id : validation) {
            float[][] mel = melCache.read(id).mel();
            out.add(new Batch(flatten(mel), audio(id), 1, mel.length, cache.text(id)));
        }
        return out;
    }

    @Override
    public Path manifest() {
        return cache.dir().resolve(FeatureCache.MANIFEST);
    }

    /** The batch of a step: {@code size} windows of {@code frames} frames. */
    Batch batch(long step) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + step);
        int bands = cache.nMels();
        float[] mels = new float[size * frames * bands];
        float[] audio = new float[size * frames * hop];
        for (int b = 0; b < size; b++) {
            String id = train.get(random.nextInt(train.size()));
            CachedUtterance u = melCache.read(id);
            float[] samples = audio(id);
            int available = Math.min(u.frames(), samples.length / hop);
            int start = available > frames ? random.nextInt(available - frames + 1) : 0;
            for (int t = 0; t < frames; t++) {
                int at = (b * frames + t) * bands;
                if (start + t < u.frames()) {
                    System.arraycopy(u.mel()[start + t], 0, mels, at, bands);
                } else {
                    Arrays.fill(mels, at, at + bands, silence);
                }
            }
            int from = start * hop;
            int count = Math.max(0, Math.min(frames * hop, samples.length - from));
            System.arraycopy(samples, from, audio, b * frames * hop, count);
        }
        return new Batch(mels, audio, size, frames, null);
    }

    private static float[] flatten(float[][] a) {
        int width = a.length == 0 ? 0 : a[0].length;
        float[] out = new float[a.length * width];
        for (int t = 0; t < a.length; t++) {
            System.arraycopy(a[t], 0, out, t * width, width);
        }
        return out;
    }
}
