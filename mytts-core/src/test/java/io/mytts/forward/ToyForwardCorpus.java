package io.mytts.forward;

import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.data.DatasetReader;
import io.mytts.data.FeatureCache;
import io.mytts.data.FeaturePreparer;
import io.mytts.data.FrameProsody;
import io.mytts.data.FrontEndEncoder;
import io.mytts.data.ProsodyStore;
import io.mytts.data.TokenProsody;
import io.mytts.text.Language;
import io.mytts.text.TokenizerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A prepared corpus of tones made here (no speech tools), with prosody written as the duration
 * extraction would: each token's frames spread evenly (the remainder on the last), pitch and energy
 * that vary with the token.
 */
final class ToyForwardCorpus {

    static final ProsodyStore.SpeakerStats STATS = new ProsodyStore.SpeakerStats(5.3, 0.2, -1.0, 2.0);

    /** The second speaker's statistics in the two-speaker corpus: a higher voice with half the log-F0 spread. */
    static final ProsodyStore.SpeakerStats STATS_B = new ProsodyStore.SpeakerStats(5.6, 0.1, -0.5, 1.5);

    private ToyForwardCorpus() {}

    /** The speakers of {@link #create(Path, int, boolean)}'s two-speaker corpus, alternating by row. */
    static final List<String> SPEAKERS = List.of("toy-a", "toy-b");

    /** A corpus folder with {@code cache/} prepared and {@code cache/prosody.json} written. */
    static Path create(Path dir, int utterances) throws IOException {
        return create(dir, utterances, false);
    }

    /** As {@link #create(Path, int)}; with {@code twoSpeakers} the rows alternate between {@link #SPEAKERS}. */
    static Path create(Path dir, int utterances, boolean twoSpeakers) throws IOException {
        Path wavs = Files.createDirectories(dir.resolve("wavs"));
        String[] texts = {"a cab", "bad dab", "ace", "cede bead", "dace", "abba", "deed", "be a cab"};
        StringBuilder meta = new StringBuilder();
        for (int i = 0; i < utterances; i++) {
            String text = texts[i % texts.length];
            float[] s = new float[22050 * (2 + text.length() / 3) / 10];
            double f = 220 + 55 * i;
            for (int n = 0; n < s.length; n++) {
                s[n] = (float) (0.3 * Math.sin(2 * Math.PI * f * n / 22050));
            }
            WavIO.write(wavs.resolve("t" + i + ".wav"), s, 22050);
            meta.append("t").append(i).append('|').append(text).append('|').append(text);
            if (twoSpeakers) {
                meta.append('|').append(SPEAKERS.get(i % 2));
            }
            meta.append('\n');
        }
        Files.writeString(dir.resolve("metadata.csv"), meta);
        Path cacheDir = dir.resolve("cache");
        FeaturePreparer.builder().setDataset(new DatasetReader().read(dir)).setCacheDir(cacheDir)
                .setTextEncoder(new FrontEndEncoder(TokenizerKind.CHARACTERS, Language.EN))
                .optAudioConfig(AudioConfig.DEFAULT).optThreads(1).build().prepare();
        try (FeatureCache cache = FeatureCache.open(cacheDir)) {
            List<TokenProsody> items = new ArrayList<>();
            for (String id : cache.ids()) {
                items.add(even(id, cache.frames(id), cache.tokens(id)));
            }
            Map<String, ProsodyStore.SpeakerStats> stats = twoSpeakers
                    ? Map.of(SPEAKERS.get(0), STATS, SPEAKERS.get(1), STATS_B)
                    : Map.of(ProsodyStore.SINGLE_SPEAKER, STATS);
            ProsodyStore.write(cache, new ProsodyStore.Source("mas", null, null), stats, items);
        }
        return dir;
    }

    /**
     * Replaces the corpus' prosody with frame values only, as {@code durations extract --method none}
     * writes them: no durations; pitch and energy that vary over the frames, every fourth frame unvoiced.
     */
    static void framesOnly(Path dir) throws IOException {
        try (FeatureCache cache = FeatureCache.open(dir.resolve("cache"))) {
            List<FrameProsody> items = new ArrayList<>();
            for (String id : cache.ids()) {
                int n = cache.frames(id);
                float[] pitch = new float[n];
                float[] energy = new float[n];
                for (int t = 0; t < n; t++) {
                    pitch[t] = t % 4 == 3 ? Float.NaN : (float) Math.sin(0.2 * t);
                    energy[t] = (float) Math.cos(0.1 * t);
                }
                items.add(new FrameProsody(id, pitch, energy));
            }
            ProsodyStore.write(cache, new ProsodyStore.Source("none", null, null),
                    Map.of(ProsodyStore.SINGLE_SPEAKER, STATS), List.of(), items);
        }
    }

    static TokenProsody even(String id, int frames, int tokens) {
        int[] d = new int[tokens];
        float[] pitch = new float[tokens];
        float[] energy = new float[tokens];
        for (int i = 0; i < tokens; i++) {
            d[i] = frames / tokens + (i == tokens - 1 ? frames % tokens : 0);
            pitch[i] = (float) Math.sin(i);
            energy[i] = (float) Math.cos(i) - 0.5f;
        }
        return new TokenProsody(id, frames, d, pitch, energy);
    }
}
