package io.mytts.forward;

import io.mytts.config.StrictJson;
import io.mytts.data.LengthStats;
import io.mytts.forward.DurationExtraction.Aligned;
import io.mytts.forward.DurationExtraction.Worst;
import io.mytts.monitor.AlignmentPlot;
import io.mytts.monitor.Html;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality report of a duration extraction: {@code summary.json} and {@code index.html} with the
 * worst utterances' alignment plots ({@code worst-N.png}) and their durations token by token.
 *
 * <p>What it says: the share of utterances whose attention path gives every token at least one
 * decoder step (coverage), the share of tokens that get no frame and their commonest symbols; the path probability (the mean attention weight on the path's cells,
 * {@link io.mytts.align.MonotonicPath#meanProbability()}) as median, mean and worst; the
 * attention's diagonality ({@link io.mytts.align.Alignments#diagonality(float[][])}); and how far
 * the attention path's durations and monotonic alignment search's differ (mean absolute frames per
 * token).
 */
public final class DurationReport {

    /** Attention less diagonal than this is counted in the summary as worth a look. */
    static final double LOW_DIAGONALITY = 0.8;

    private DurationReport() {}

    /** The summary as a JSON-ready map. */
    public static Map<String, Object> summary(DurationExtraction.Result result, String method, String checkpoint,
            Duration elapsed) {
        List<Aligned> all = result.aligned();
        int covered = 0;
        int lowDiagonality = 0;
        double[] probability = new double[all.size()];
        double[] diagonality = new double[all.size()];
        List<Double> differences = new ArrayList<>();
        long tokens = 0;
        long zero = 0;
        Map<String, Integer> zeroBySymbol = new java.util.HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Aligned a = all.get(i);
            for (int t = 0; t < a.durations().length; t++) {
                tokens++;
                if (a.durations()[t] == 0) {
                    zero++;
                    zeroBySymbol.merge(result.symbols().symbols().get(a.tokens()[t]), 1, Integer::sum);
                }
            }
            covered += a.coversEveryToken() ? 1 : 0;
            probability[i] = a.pathProbability();
            diagonality[i] = a.diagonality();
            lowDiagonality += a.diagonality() < LOW_DIAGONALITY ? 1 : 0;
            if (!Double.isNaN(a.masDifference())) {
                differences.add(a.masDifference());
            }
        }
        LengthStats p = LengthStats.of(probability);
        LengthStats diag = LengthStats.of(diagonality);
        LengthStats d = LengthStats.of(differences.stream().mapToDouble(Double::doubleValue).toArray());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint", checkpoint);
        m.put("method", method);
        m.put("utterances", all.size());
        m.put("coverage", all.isEmpty() ? 0 : covered / (double) all.size());
        m.put("uncovered", all.size() - covered);
        m.put("zero_frame_tokens", tokens == 0 ? 0 : zero / (double) tokens);
        Map<String, Integer> top = new LinkedHashMap<>();
        zeroBySymbol.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        m.put("zero_frame_tokens_by_symbol", top);
        m.put("path_probability", Map.of("median", p.median(), "mean", p.mean(), "worst", p.min()));
        m.put("diagonality", Map.of("median", diag.median(), "worst", diag.min(), "below_" + LOW_DIAGONALITY,
                lowDiagonality));
        m.put("attention_vs_mas_frames_per_token", Map.of("median", d.median(), "mean", d.mean(), "max", d.max()));
        m.put("seconds", elapsed.toMillis() / 1000.0);
        m.put("worst", items(result.worst()));
        m.put("least_diagonal", items(result.leastDiagonal()));
        return m;
    }

    private static List<Map<String, Object>> items(List<Worst> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Worst w : list) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", w.aligned().id());
            item.put("path_probability", w.aligned().pathProbability());
            item.put("covers_every_token", w.aligned().coversEveryToken());
            item.put("diagonality", w.aligned().diagonality());
            item.put("durations", w.aligned().durations());
            out.add(item);
        }
        return out;
    }

    /** Writes {@code summary.json}, {@code index.html} and the worst utterances' plots into {@code dir}. */
    public static void write(Path dir, DurationExtraction.Result result, Map<String, Object> summary)
            throws IOException {
        Files.createDirectories(dir);
        StrictJson.write(summary, dir.resolve("summary.json"));
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<title>Durations</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}"
                + "code{word-break:break-all}</style></head><body><h1>Durations: extraction report</h1>");
        html.append(String.format(Locale.ROOT, "<p>%s, method <b>%s</b>: %d utterances in %.0f s.</p>",
                Html.escape(String.valueOf(summary.get("checkpoint"))), summary.get("method"),
                summary.get("utterances"), (Double) summary.get("seconds")));
        @SuppressWarnings("unchecked")
        Map<String, Double> p = (Map<String, Double>) summary.get("path_probability");
        @SuppressWarnings("unchecked")
        Map<String, Double> d = (Map<String, Double>) summary.get("attention_vs_mas_frames_per_token");
        @SuppressWarnings("unchecked")
        Map<String, Number> diag = (Map<String, Number>) summary.get("diagonality");
        html.append(String.format(Locale.ROOT, "<ul><li>Every token covered by the attention path: %.2f%%"
                + " of utterances (%s miss a token); %.1f%% of all tokens get no frame, most often %s</li>"
                + "<li>Path probability (mean attention on the path): median %.3f, mean %.3f, worst %.3f</li>"
                + "<li>Diagonality of the attention: median %.3f, worst %.3f; %s utterances below %.1f</li>"
                + "<li>Attention path vs. monotonic alignment search: median %.2f, max %.2f frames per token"
                + " apart</li></ul>",
                100 * (Double) summary.get("coverage"), summary.get("uncovered"),
                100 * (Double) summary.get("zero_frame_tokens"),
                Html.escape(summary.get("zero_frame_tokens_by_symbol").toString()),
                p.get("median"), p.get("mean"), p.get("worst"), diag.get("median"), diag.get("worst"),
                diag.get("below_" + LOW_DIAGONALITY), LOW_DIAGONALITY, d.get("median"), d.get("max")));
        section(html, dir, result, "Least probable paths", "worst", result.worst());
        section(html, dir, result, "Least diagonal attention", "diagonal", result.leastDiagonal());
        html.append("</body></html>\n");
        Files.writeString(dir.resolve("index.html"), html);
    }

    /** A heading, then each utterance's plot ({@code PREFIX-N.png}) and its frames per token. */
    private static void section(StringBuilder html, Path dir, DurationExtraction.Result result, String title,
            String prefix, List<Worst> list) {
        html.append("<h2>").append(title).append("</h2>");
        for (int i = 0; i < list.size(); i++) {
            Worst w = list.get(i);
            List<String> labels = new ArrayList<>();
            for (int t : w.aligned().tokens()) {
                labels.add(result.symbols().symbols().get(t));
            }
            String png = prefix + "-" + i + ".png";
            AlignmentPlot.builder().setAlignment(w.attention()).optTokenLabels(labels)
                    .optCaption(w.aligned().id() + ", mean of layers and heads").build().writePng(dir.resolve(png));
            html.append(String.format(Locale.ROOT, "<h3>%d. %s: path probability %.3f, diagonality %.3f%s</h3>"
                    + "<img src=\"%s\">", i + 1, Html.escape(w.aligned().id()), w.aligned().pathProbability(),
                    w.aligned().diagonality(), w.aligned().coversEveryToken() ? "" : ", <b>misses a token</b>", png));
            html.append("<p>Frames per token: <code>");
            int[] durations = w.aligned().durations();
            for (int t = 0; t < durations.length; t++) {
                html.append(Html.escape("'" + labels.get(t) + "' " + durations[t]))
                        .append(t + 1 < durations.length ? ", " : "");
            }
            html.append("</code></p>");
        }
    }
}
