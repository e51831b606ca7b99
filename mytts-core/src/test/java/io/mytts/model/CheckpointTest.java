package io.mytts.model;

import io.mytts.text.SymbolTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import io.mytts.config.Activation;
import io.mytts.config.AudioConfig;
import io.mytts.config.ModelConfig;
import io.mytts.config.PositionEncoding;
import io.mytts.config.Provenance;
import io.mytts.config.TTSConfig;
import io.mytts.config.TrainConfig;
import io.mytts.text.TextSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private static final int[] TEXT = {4, 2, 7, 1, 9, 3};
    private static final GenerationOptions OPTIONS = GenerationOptions.builder().optMaxSteps(8)
            .optStopThreshold(1 - 1e-7).optSeed(3).build();

    @TempDir
    Path dir;

    private static SymbolTable symbols(int n) {
        return SymbolTable.withSpecials(IntStream.range(2, n).mapToObj(i -> "s" + i).toList());
    }

    private static Path save(TransformerTTS model, Path file) throws IOException {
        Checkpoint.writer(model).setProvenance(Provenance.current(null,
                TextSettings.englishCharacters().withSymbols(symbols(model.vocabSize())), null)).write(file);
        return file;
    }

    @Test
    void roundTripReproducesTheModelAndItsMetadata() throws IOException {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().optEncoderPrenet(true).build(),
                        TinyModels.VOCAB, TinyModels.MELS, m, 21)) {
            NDArray moment = m.create(new float[] {1, 2, 3});
            Path file = dir.resolve("ckpt.zip");
            Provenance provenance = Provenance.current(new TTSConfig(model.config(), AudioConfig.DEFAULT,
                    TrainConfig.builder().optSeed(21).build()),
                    TextSettings.englishCharacters().withSymbols(symbols(TinyModels.VOCAB)), "abc");
            Checkpoint.writer(model).setProvenance(provenance)
                    .optMetadata(Map.of("step", 1234))
                    .optArrays("optimizer", Map.of("m.encoder.norm.gamma", moment))
                    .write(file);
            Checkpoint ckpt = Checkpoint.read(file);
            assertThat(ckpt.formatVersion()).isEqualTo(Checkpoint.FORMAT_VERSION);
            assertThat(ckpt.config()).isEqualTo(model.config());
            assertThat(ckpt.symbols()).isEqualTo(symbols(TinyModels.VOCAB).symbols());
            assertThat(ckpt.metadata().get("step").asInt()).isEqualTo(1234);
            assertThat(ckpt.provenance().seed()).isEqualTo(21L);
            assertThat(ckpt.provenance().datasetHash()).isEqualTo("abc");
            assertThat(ckpt.provenance().javaVersion()).isEqualTo(System.getProperty("java.version"));
            assertThat(ckpt.provenance().djlVersion()).isNotBlank();
            assertThat(ckpt.provenance()).isEqualTo(provenance);
            assertThat(ckpt.arrayGroups()).containsExactlyInAnyOrder("parameters", "optimizer");
            assertThat(ckpt.arrays("optimizer", m).get("m.encoder.norm.gamma").toFloatArray())
                    .containsExactly(1, 2, 3);
            try (TransformerTTS loaded = ckpt.createModel(m)) {
                assertThat(loaded.parameters().arrays().keySet()).isEqualTo(model.parameters().arrays().keySet());
                float[][] a = model.greedyGenerateFast(TEXT, OPTIONS).mel();
                float[][] b = loaded.greedyGenerateFast(TEXT, OPTIONS).mel();
                assertThat(GenerationTest.maxDiff(a, b)).isEqualTo(0f);
            }
            // Written atomically: nothing but the checkpoint is left in the folder.
            save(model, file);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("ckpt.zip");
            }
        }
    }

    @Test
    void checkpointWithoutAnOptionalParameterLoadsWithItsNeutralValue() throws IOException {
        ModelConfig config = TinyModels.config(Activation.GELU, PositionEncoding.SINUSOIDAL);
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config, TinyModels.VOCAB, TinyModels.MELS, m, 22)) {
            Path file = save(model, dir.resolve("new.zip"));
            // An "old" checkpoint: no position scales, and a config without the newer keys.
            Path old = rewrite(file, dir.resolve("old.zip"), entries -> {
                entries.put(Checkpoint.PARAMETERS + ".safetensors", withoutArrays(
                        entries.get(Checkpoint.PARAMETERS + ".safetensors"), "encoder.pos_alpha", "decoder.pos_alpha"));
                entries.put(Checkpoint.MODEL_JSON, editJson(entries.get(Checkpoint.MODEL_JSON), json -> {
                    ((ObjectNode) json.get("config")).remove(List.of("activation", "pos_encoding_type"));
                }));
                return entries;
            });
            try (TransformerTTS loaded = Checkpoint.read(old).createModel(m)) {
                assertThat(loaded.config().activation()).isEqualTo(Activation.GELU);
                assertThat(loaded.config().posEncodingType()).isEqualTo(PositionEncoding.SINUSOIDAL);
                assertThat(loaded.parameters().get("encoder.pos_alpha").toFloatArray()).containsExactly(1f);
                // The fresh model's scales are 1 as well, so both generate the same.
                assertThat(GenerationTest.maxDiff(model.greedyGenerateFast(TEXT, OPTIONS).mel(),
                        loaded.greedyGenerateFast(TEXT, OPTIONS).mel())).isEqualTo(0f);
            }
            // A missing required parameter is an error that names it.
            Path broken = rewrite(file, dir.resolve("broken.zip"), entries -> {
                entries.put(Checkpoint.PARAMETERS + ".safetensors", withoutArrays(
                        entries.get(Checkpoint.PARAMETERS + ".safetensors"), "decoder.layers.1.cross_attn.wq.weight"));
                return entries;
            });
            assertThatThrownBy(() -> Checkpoint.read(broken).createModel(m))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("decoder.layers.1.cross_attn.wq.weight");
        }
    }

    @Test
    void unreadableOrNewerFilesGiveClearErrors() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.zip"), "hello");
        assertThatThrownBy(() -> Checkpoint.read(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a MyTTS checkpoint");
        assertThatThrownBy(() -> Checkpoint.read(dir.resolve("missing.zip")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist");
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 23)) {
            Path newer = rewrite(save(model, dir.resolve("c.zip")), dir.resolve("newer.zip"), entries -> {
                entries.put(Checkpoint.MODEL_JSON, editJson(entries.get(Checkpoint.MODEL_JSON),
                        json -> ((ObjectNode) json).put("format_version", Checkpoint.FORMAT_VERSION + 1)));
                return entries;
            });
            assertThatThrownBy(() -> Checkpoint.read(newer)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("format " + (Checkpoint.FORMAT_VERSION + 1));
            // A checkpoint of another shape does not load into this model.
            try (TransformerTTS other = new TransformerTTS(TinyModels.builder().setDModel(32).build(),
                    TinyModels.VOCAB, TinyModels.MELS, m, 1)) {
                assertThatThrownBy(() -> Checkpoint.read(dir.resolve("c.zip")).copyParametersInto(other))
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining("shape");
            }
        }
    }

    @Test
    void theSymbolTableIsInTheProvenanceAndFormatOneKeepsItBeside() throws IOException {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(TinyModels.builder().build(), TinyModels.VOCAB,
                        TinyModels.MELS, m, 24)) {
            Path file = save(model, dir.resolve("c.zip"));
            Checkpoint now = Checkpoint.read(file);
            assertThat(now.formatVersion()).isEqualTo(2);
            assertThat(now.provenance().text().symbols()).isEqualTo(symbols(TinyModels.VOCAB));
            assertThat(now.symbols()).isEqualTo(symbols(TinyModels.VOCAB).symbols());
            // Format 1: the same symbols beside the provenance, whose text settings have none.
            Path v1 = rewrite(file, dir.resolve("v1.zip"), entries -> {
                entries.put(Checkpoint.MODEL_JSON, editJson(entries.get(Checkpoint.MODEL_JSON), json -> {
                    ObjectNode text = (ObjectNode) json.get("provenance").get("text");
                    ((ObjectNode) json).set("symbols", text.remove("symbols"));
                    ((ObjectNode) json).put("format_version", 1);
                }));
                return entries;
            });
            Checkpoint old = Checkpoint.read(v1);
            assertThat(old.formatVersion()).isEqualTo(1);
            assertThat(old.provenance().text()).isEqualTo(TextSettings.englishCharacters());
            assertThat(old.symbols()).isEqualTo(now.symbols());
            // Both, disagreeing: the file is damaged.
            Path both = rewrite(file, dir.resolve("both.zip"), entries -> {
                entries.put(Checkpoint.MODEL_JSON, editJson(entries.get(Checkpoint.MODEL_JSON),
                        json -> ((ObjectNode) json).putArray("symbols").add("<pad>").add("<eos>")));
                return entries;
            });
            assertThatThrownBy(() -> Checkpoint.read(both)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("model.json").hasMessageContaining("differ from the provenance's");
            // A writer without the symbol table in the provenance refuses to write.
            assertThatThrownBy(() -> Checkpoint.writer(model).setProvenance(Provenance.current(null,
                    TextSettings.englishCharacters(), null)).write(dir.resolve("none.zip")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("symbol table");
            assertThatThrownBy(() -> Checkpoint.writer(model).setProvenance(Provenance.current(null,
                    TextSettings.englishCharacters().withSymbols(symbols(3)), null)).write(dir.resolve("few.zip")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("has 3 symbols");
        }
    }

    // --- helpers that edit a checkpoint file, to make "old" and broken ones ---

    private static Path rewrite(Path from, Path to, UnaryOperator<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(from))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        entries = edit.apply(entries);
        try (OutputStream out = Files.newOutputStream(to); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return to;
    }

    private static byte[] withoutArrays(byte[] safetensors, String... names) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList kept = new NDList();
            for (NDArray a : NDList.decode(m, safetensors)) {
                if (!List.of(names).contains(a.getName())) {
                    kept.add(a);
                }
            }
            assertThat(kept.size()).isEqualTo(NDList.decode(m, safetensors).size() - names.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            kept.encode(out, NDList.Encoding.SAFETENSORS);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] editJson(byte[] json, java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> edit) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            var tree = mapper.readTree(json);
            edit.accept(tree);
            return mapper.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
