package io.mytts.vocoder;

import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.data.DatasetReader;
import io.mytts.data.FeaturePreparer;
import io.mytts.data.TextEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A prepared corpus of harmonic tones at 22,050 Hz: something a tiny vocoder can learn in a few steps. */
final class ToneCorpus {

    private ToneCorpus() {}

    static Path create(Path dir, int utterances) throws IOException {
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus.resolve("wavs"));
        StringBuilder metadata = new StringBuilder();
        for (int u = 0; u < utterances; u++) {
            String id = String.format("T-%02d", u);
            double f0 = 110 + 20 * u;
            int n = 22050 / 2 + 2000 * u;
            float[] s = new float[n];
            for (int i = 0; i < n; i++) {
                double t = i / 22050.0;
                s[i] = (float) (0.3 * Math.sin(2 * Math.PI * f0 * t) + 0.15 * Math.sin(4 * Math.PI * f0 * t)
                        + 0.05 * Math.sin(6 * Math.PI * f0 * t));
            }
            WavIO.write(corpus.resolve("wavs").resolve(id + ".wav"), s, 22050);
            metadata.append(id).append("|tone ").append(u).append("|tone ").append(u).append('\n');
        }
        Files.writeString(corpus.resolve("metadata.csv"), metadata);
        prepare(corpus, corpus.resolve("cache"), AudioConfig.DEFAULT);
        return corpus;
    }

    /** A tiny vocoder's training on {@code corpus}, with log lines. */
    static VocoderTraining.Builder tinyTraining(Path corpus, Path run, VocoderTrainSettings s) {
        return VocoderTraining.builder().setCorpus(corpus).setRunFolder(run).optSettings(s).optTiny(true)
                .optTerminal(false);
    }

    /** Prepares {@code corpus}'s features into {@code cacheDir} with {@code audio}; tokens 1 to 20. */
    static void prepare(Path corpus, Path cacheDir, AudioConfig audio) {
        TextEncoder letters = new TextEncoder() {
            @Override
            public int[] encode(String text) {
                return text.chars().map(c -> 1 + (c % 20)).toArray();
            }

            @Override
            public Map<String, Object> settings() {
                return Map.of("tokenizer", "test");
            }

            @Override
            public void saveSymbols(Path file) throws IOException {
                Files.writeString(file, "[\"test\"]\n");
            }
        };
        FeaturePreparer.builder().setDataset(new DatasetReader().read(corpus)).setCacheDir(cacheDir)
                .optAudioConfig(audio).setTextEncoder(letters).build().prepare();
    }
}
