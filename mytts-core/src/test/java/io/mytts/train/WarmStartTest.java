package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.config.ModelConfig;
import io.mytts.config.Provenance;
import io.mytts.model.Checkpoint;
import io.mytts.model.SpeakerTable;
import io.mytts.model.TransformerTTS;
import io.mytts.nn.SpeakerEmbedding;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new run starting from a trained model's parameters, rows matched by symbol and speaker. */
class WarmStartTest {

    static final ModelConfig CONFIG = ModelConfig.builder().setNumLayers(2).setDModel(16).setNumHeads(2).setDff(32)
            .optPrenetHidden(12).optPostnetLayers(2).optPostnetChannels(8).optPostnetKernel(3)
            .optEncoderPrenetLayers(1).optEncoderPrenetKernel(3).optMaxLength(64).build();
    static final int MELS = 6;
    static final SymbolTable SOURCE_TABLE = SymbolTable.withSpecials(List.of(" ", "a", "b", "c"));
    static final List<String> SOURCE_SYMBOLS = SOURCE_TABLE.symbols();
    /** Reordered, one dropped ("c"), two new ("x", "y"). */
    static final List<String> TARGET_SYMBOLS = SymbolTable.withSpecials(List.of("x", " ", "b", "a", "y")).symbols();
    static final SpeakerTable SOURCE_SPEAKERS = new SpeakerTable(List.of("ann", "bob"));
    static final SpeakerTable TARGET_SPEAKERS = new SpeakerTable(List.of("bob", "cy", "ann"));

    @Test
    void copiesEveryParameterAndMatchesRowsByName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("source.zip");
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS source = new TransformerTTS(CONFIG, SOURCE_SYMBOLS.size(), MELS, SOURCE_SPEAKERS, m, 1);
                TransformerTTS target = new TransformerTTS(CONFIG, TARGET_SYMBOLS.size(), MELS, TARGET_SPEAKERS, m, 2)) {
            write(source, file);
            float[][] freshEmbedding = rows(target.parameters().get(WarmStart.TOKEN_EMBEDDING));

            WarmStart.Report report = WarmStart.apply(file, target.parameters(), TARGET_SYMBOLS, TARGET_SPEAKERS);

            Map<String, NDArray> from = source.parameters().arrays();
            for (Map.Entry<String, NDArray> e : target.parameters().arrays().entrySet()) {
                if (!e.getKey().equals(WarmStart.TOKEN_EMBEDDING) && !e.getKey().equals(SpeakerEmbedding.PARAMETER)) {
                    assertThat(e.getValue().toFloatArray()).as(e.getKey()).containsExactly(from.get(e.getKey()).toFloatArray());
                }
            }
            float[][] sourceTokens = rows(from.get(WarmStart.TOKEN_EMBEDDING));
            float[][] tokens = rows(target.parameters().get(WarmStart.TOKEN_EMBEDDING));
            for (int i = 0; i < TARGET_SYMBOLS.size(); i++) {
                int j = SOURCE_SYMBOLS.indexOf(TARGET_SYMBOLS.get(i));
                assertThat(tokens[i]).as(TARGET_SYMBOLS.get(i)).containsExactly(j >= 0 ? sourceTokens[j] : freshEmbedding[i]);
            }
            float[][] sourceSpeakers = rows(from.get(SpeakerEmbedding.PARAMETER));
            float[][] speakers = rows(target.parameters().get(SpeakerEmbedding.PARAMETER));
            assertThat(speakers[0]).containsExactly(sourceSpeakers[1]); // bob
            assertThat(speakers[2]).containsExactly(sourceSpeakers[0]); // ann
            for (int k = 0; k < speakers[1].length; k++) { // cy: the mean of ann and bob
                assertThat(speakers[1][k]).isCloseTo((sourceSpeakers[0][k] + sourceSpeakers[1][k]) / 2,
                        org.assertj.core.data.Offset.offset(1e-6f));
            }
            assertThat(report.newSymbols()).containsExactly("x", "y");
            assertThat(report.symbolsCopied()).isEqualTo(5);
            assertThat(report.speakersCopied()).containsExactly("bob", "ann");
            assertThat(report.newSpeakers()).containsExactly("cy");
            assertThat(report.keptNeutral()).isEmpty();
        }
    }

    @Test
    void newSpeakersOfASingleSpeakerSourceStartAsItsVoice(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("source.zip");
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS source = new TransformerTTS(CONFIG, SOURCE_SYMBOLS.size(), MELS, m, 1);
                TransformerTTS target = new TransformerTTS(CONFIG, SOURCE_SYMBOLS.size(), MELS, TARGET_SPEAKERS, m, 2)) {
            write(source, file);
            WarmStart.apply(dir.resolve("source.zip"), target.parameters(), SOURCE_SYMBOLS, TARGET_SPEAKERS);
            float[] table = target.parameters().get(SpeakerEmbedding.PARAMETER).toFloatArray();
            assertThat(table).containsOnly(0f);
            int[] text = {3, 4, 5, 2};
            var options = io.mytts.model.GenerationOptions.builder().optMaxSteps(6).optStopThreshold(1 - 1e-7)
                    .optSeed(3).build();
            float[][] expected = source.greedyGenerateFast(text, 0, options).mel();
            for (int speaker = 0; speaker < TARGET_SPEAKERS.size(); speaker++) {
                float[][] mel = target.greedyGenerateFast(text, speaker, options).mel();
                for (int t = 0; t < mel.length; t++) {
                    assertThat(mel[t]).containsExactly(expected[t]);
                }
            }
        }
    }

    @Test
    void anotherArchitectureIsRefusedNamingTheParameter(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("source.zip");
        ModelConfig wider = CONFIG.toBuilder().setDff(48).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS source = new TransformerTTS(wider, SOURCE_SYMBOLS.size(), MELS, m, 1);
                TransformerTTS target = new TransformerTTS(CONFIG, SOURCE_SYMBOLS.size(), MELS, m, 2)) {
            write(source, file);
            float[] before = target.parameters().get(WarmStart.TOKEN_EMBEDDING).toFloatArray();
            assertThatThrownBy(() -> WarmStart.apply(file, target.parameters(), SOURCE_SYMBOLS, SpeakerTable.NONE))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("has shape").hasMessageContaining("same model configuration");
            assertThat(target.parameters().get(WarmStart.TOKEN_EMBEDDING).toFloatArray()).containsExactly(before);
        }
        assertThatThrownBy(() -> WarmStart.checkpointFile(dir.resolve("nothing")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no checkpoint there");
    }

    private static void write(TransformerTTS source, Path file) throws java.io.IOException {
        Checkpoint.writer(source).setProvenance(Provenance.current(null,
                TextSettings.englishCharacters().withSymbols(SOURCE_TABLE), null)).write(file);
    }

    private static float[][] rows(NDArray table) {
        int width = (int) table.getShape().get(1);
        float[] flat = table.toFloatArray();
        float[][] rows = new float[flat.length / width][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return rows;
    }
}
