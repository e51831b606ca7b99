package io.mytts.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Loss and diagonality curves of a run as two PNGs ({@code RUN/loss.png},
 * {@code RUN/diagonality.png}) from its {@code metrics.jsonl}:
 * {@code java -cp 'mytts-cli/target/mytts-cli.jar' io.mytts.train.LearningCurvesTool RUN} (in mytts-bench).
 */
public final class LearningCurves {

    private LearningCurves() {}

    /** Writes the two charts into the run folder. */
    public static void write(Path run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            if (!l.isBlank()) {
                lines.add(json.readTree(l));
            }
        }
        XYChart loss = chart("Loss", "loss");
        add(loss, lines, "loss", "train loss");
        add(loss, lines, "mel_loss", "train mel L1");
        add(loss, lines, "val_loss", "validation loss");
        add(loss, lines, "val_mel_loss", "validation mel L1");
        BitmapEncoder.saveBitmap(loss, run.resolve("loss.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        XYChart diag = chart("Alignment diagonality", "diagonality");
        add(diag, lines, "diagonality", "train (first utterance of a batch)");
        add(diag, lines, "val_diagonality", "validation, teacher-forced");
        add(diag, lines, "val_free_diagonality", "validation, free-running");
        BitmapEncoder.saveBitmap(diag, run.resolve("diagonality.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String y) {
        XYChart c = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step").yAxisTitle(y).build();
        c.getStyler().setMarkerSize(3);
        return c;
    }

    private static void add(XYChart chart, List<JsonNode> lines, String key, String name) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (JsonNode n : lines) {
            JsonNode v = n.get(key);
            if (v != null && v.isNumber() && Double.isFinite(v.asDouble())) {
                x.add(n.get("step").asDouble());
                y.add(v.asDouble());
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
    }
}
