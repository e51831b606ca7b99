package io.mytts.synth;

import java.util.ArrayList;
import java.util.List;

/** Word spans of one sentence from its word-level cross-attention (see {@link Timeline}). */
final class WordTimes {

    private WordTimes() {}

    /**
     * The first decoder step of each word: where the attention peak, never moving back, first
     * reaches it; a word it jumps over starts (and ends) where the next reached word starts.
     *
     * @param byWord {@code [steps][words]} attention summed over each word's tokens
     */
    static int[] starts(float[][] byWord, int steps, int words) {
        int[] start = new int[words];
        java.util.Arrays.fill(start, steps);
        if (words > 0) {
            start[0] = 0;
        }
        int reached = 0;
        for (int s = 0; s < steps; s++) {
            float[] row = byWord[s];
            int peak = 0;
            for (int w = 1; w < Math.min(words, row.length); w++) {
                if (row[w] > row[peak]) {
                    peak = w;
                }
            }
            while (reached < peak) {
                start[++reached] = s;
            }
        }
        return start;
    }

    /**
     * Spans of the sentence's words in seconds from {@code offset}; none when the text's words and
     * the tokens' words do not correspond one to one.
     *
     * @param framesPerStep mel frames a decoder step makes (the reduction factor)
     * @param frames mel frames the sentence has before any time-scaling
     * @param seconds the sentence's audio length (after time-scaling)
     */
    static List<Timeline.Span> spans(String text, int[] wordOfToken, float[][] byWord, int steps, int framesPerStep,
            int frames, double seconds, double offset, int sentence) {
        String[] words = text.strip().split("\\s+");
        int count = wordOfToken.length == 0 ? 0 : wordOfToken[wordOfToken.length - 1] + 1;
        List<Timeline.Span> out = new ArrayList<>();
        if (count != words.length || frames == 0 || steps == 0) {
            return out;
        }
        int[] start = starts(byWord, steps, count);
        double perFrame = seconds / frames;
        for (int w = 0; w < count; w++) {
            double a = Math.min(frames, start[w] * framesPerStep) * perFrame;
            double b = w + 1 < count ? Math.min(frames, start[w + 1] * framesPerStep) * perFrame : seconds;
            out.add(new Timeline.Span(words[w], offset + a, offset + b, sentence));
        }
        return out;
    }
}
