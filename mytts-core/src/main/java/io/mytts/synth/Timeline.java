package io.mytts.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * When things are said in the audio of a request, in seconds from its start: each sentence (as
 * spoken, after normalisation), each word, and each SSML mark. Sentence times are exact (they are
 * where its samples begin and end); word times come from the cross-attention: a word begins at the
 * first decoder step whose attention peak (summed over the word's tokens, never moving back)
 * reaches it, and ends where the next one begins, so they are as good as the alignment, within a
 * decoder step or two when it is clean. On a forward voice the alignment is the hard one from the
 * durations, so a word begins exactly at the sum of its predecessors' durations. A sentence whose tokens do not map one to one onto its
 * words (a phoneme voice may merge or split words) has no word times.
 *
 * @param durationSeconds the length of the audio
 * @param sentences sentence spans, in order
 * @param words word spans, in order; {@link Span#sentence()} says which sentence each is in
 * @param marks SSML marks with the time of the speech that follows them
 */
public record Timeline(double durationSeconds, List<Span> sentences, List<Span> words, List<MarkTime> marks) {

    public Timeline {
        sentences = List.copyOf(sentences);
        words = List.copyOf(words);
        marks = List.copyOf(marks);
    }

    /** A piece of text and when it is said. */
    public record Span(String text, double start, double end, int sentence) {}

    /** A mark's name and its time. */
    public record MarkTime(String name, double time) {}

    /** {"duration_s":…, "sentences":[{"text","start","end"}], "words":[{"text","start","end","sentence"}], "marks":[…]}. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("duration_s", round(durationSeconds));
        ArrayNode s = root.putArray("sentences");
        for (Span span : sentences) {
            s.addObject().put("text", span.text()).put("start", round(span.start())).put("end", round(span.end()));
        }
        ArrayNode w = root.putArray("words");
        for (Span span : words) {
            w.addObject().put("text", span.text()).put("start", round(span.start())).put("end", round(span.end()))
                    .put("sentence", span.sentence());
        }
        ArrayNode m = root.putArray("marks");
        for (MarkTime mark : marks) {
            m.addObject().put("name", mark.name()).put("time", round(mark.time()));
        }
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** WebVTT subtitles: one cue a sentence. */
    public String toWebVtt() {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        for (int i = 0; i < sentences.size(); i++) {
            Span span = sentences.get(i);
            out.append('\n').append(i + 1).append('\n').append(vttTime(span.start())).append(" --> ")
                    .append(vttTime(span.end())).append('\n').append(span.text().replace("-->", "->")).append('\n');
        }
        return out.toString();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** hh:mm:ss.ttt */
    static String vttTime(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
