package io.mytts.vocoder;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import io.mytts.data.CachedUtterance;
import io.mytts.data.DataSplit;
import io.mytts.data.Dataset;
import io.mytts.data.DatasetReader;
import io.mytts.data.FeatureCache;
import io.mytts.data.Utterance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training examples for a vocoder: random windows of a prepared corpus, each a run of log-mel
 * frames from the feature cache and the audio those frames describe.
 *
 * <p>Frame t of the reference framing is centred on sample t·hop + hop/2, so frames
 * [t0, t0 + F) describe samples [t0·hop, (t0 + F)·hop): exactly what the generator's inverse STFT
 * returns for F frames. Utterances shorter than a window are padded with silence (the log floor,
 * zeros). The batch of step s depends only on (seed, s), so a resumed run sees the same batches.
 */
final class AudioSegments {

    /** One batch: {@code mels[b][frame][band]} and {@code audio[b][sample]}. */
    record Batch(float[][][] mels, float[][] audio) {}

    private final FeatureCache cache;
    private final Map<String, Path> audioFiles = new HashMap<>();
    private final List<String> train;
    private final List<String> validation;
    private final int hop;
    private final int sampleRate;
    private final float silence;

    AudioSegments(Path corpus, FeatureCache cache, int validationSize, long seed) {
        this.cache = cache;
        this.hop = cache.audioConfig().hopLength();
        this.sampleRate = cache.audioConfig().sampleRate();
        this.silence = (float) Math.log(cache.audioConfig().logFloor());
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

    List<String> trainIds() {
        return train;
    }

    List<String> validationIds() {
        return validation;
    }

    /** The cached log-mel of an utterance, frames × bands. */
    float[][] mel(String id) {
        return cache.read(id).mel();
    }

    /** The audio of an utterance, checked against the cache's sample rate. */
    float[] audio(String id) {
        AudioClip clip = WavIO.read(audioFiles.get(id));
        if (clip.sampleRate() != sampleRate) {
            clip = clip.resampledTo(sampleRate);
        }
        return clip.samples();
    }

    /** The batch of a step: {@code size} windows of {@code frames} frames. */
    Batch batch(long seed, long step, int size, int frames) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + step);
        float[][][] mels = new float[size][][];
        float[][] audio = new float[size][];
        for (int b = 0; b < size; b++) {
            String id = train.get(random.nextInt(train.size()));
            CachedUtterance u = cache.read(id);
            float[] samples = audio(id);
            int available = Math.min(u.frames(), samples.length / hop);
            int start = available > frames ? random.nextInt(available - frames + 1) : 0;
            mels[b] = new float[frames][];
            audio[b] = new float[frames * hop];
            for (int t = 0; t < frames; t++) {
                int source = start + t;
                if (source < u.frames()) {
                    mels[b][t] = u.mel()[source];
                } else {
                    mels[b][t] = new float[u.mel()[0].length];
                    java.util.Arrays.fill(mels[b][t], silence);
                }
            }
            int from = start * hop;
            int count = Math.max(0, Math.min(frames * hop, samples.length - from));
            System.arraycopy(samples, from, audio[b], 0, count);
        }
        return new Batch(mels, audio);
    }
}
