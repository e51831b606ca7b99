package io.mytts.data;

import io.mytts.config.AudioConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every item of a dataset against its audio, without computing features: what
 * {@code mytts prepare} reports, for a quick look at a dataset before preparing it.
 */
public final class DatasetValidator {

    private final UtteranceLoader loader;
    private final AudioConfig audio;

    /**
     * @param audio the model's audio settings (sample rate, hop)
     * @param maxFrames longer utterances are skipped (the train config's {@code max_frames})
     */
    public DatasetValidator(AudioConfig audio, int maxFrames) {
        this.audio = audio;
        this.loader = new UtteranceLoader(audio, maxFrames);
    }

    public ValidationReport validate(Dataset dataset) {
        List<UtteranceLoader.Loaded> loaded = dataset.utterances().parallelStream().map(loader::load).toList();
        List<Skipped> skipped = new ArrayList<>(dataset.skipped());
        List<double[]> lengths = new ArrayList<>();
        int resampled = 0;
        for (UtteranceLoader.Loaded l : loaded) {
            if (l.ok()) {
                lengths.add(new double[] {l.samples().length / (double) audio.sampleRate(), loader.framesOf(l.samples().length)});
                resampled += l.resampled() ? 1 : 0;
            } else {
                skipped.add(l.skipped());
            }
        }
        skipped.sort(java.util.Comparator.comparingInt(s -> lineOf(s.source())));
        double[] seconds = lengths.stream().mapToDouble(a -> a[0]).toArray();
        double[] frames = lengths.stream().mapToDouble(a -> a[1]).toArray();
        return new ValidationReport(dataset.size() + dataset.skipped().size(), lengths.size(), resampled, skipped,
                LengthStats.of(seconds), LengthStats.of(frames), LengthStats.EMPTY);
    }

    /** The line number of {@code file:line}, to report in listing order. */
    static int lineOf(String source) {
        int colon = source.lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(source.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
