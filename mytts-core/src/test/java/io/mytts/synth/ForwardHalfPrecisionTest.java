package io.mytts.synth;

import io.mytts.text.TextSettings;
import io.mytts.text.SymbolTable;
import io.mytts.config.Provenance;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.data.ProsodyStore;
import io.mytts.forward.ForwardControls;
import io.mytts.forward.ForwardResult;
import io.mytts.forward.ForwardTTS;
import io.mytts.model.Checkpoint;
import io.mytts.model.ModelKind;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forward model's checkpoint in float16, as a voice carries it, loads and speaks as the original. */
class ForwardHalfPrecisionTest {

    @Test
    void aFloat16ForwardCheckpointLoads(@TempDir Path dir) throws Exception {
        TTSConfig c = Presets.config("forward-tiny");
        Path full = dir.resolve("model.zip");
        Path half = dir.resolve("half.zip");
        List<int[]> texts = List.of(new int[] {1, 2, 3, 4}, new int[] {5, 6});
        try (NDManager m = NDManager.newBaseManager();
                ForwardTTS model = new ForwardTTS(c.model(), c.forward(), 8, 8,
                        new ProsodyStore.SpeakerStats(5.1, 0.07, 3.2, 1.9), m, 3)) {
            model.parameters().get("variance.duration.out.bias").set(new float[] {(float) Math.log1p(4)});
            model.checkpointWriter().setProvenance(Provenance.current(null, TextSettings.englishCharacters()
                    .withSymbols(SymbolTable.withSpecials(IntStream.range(2, 8).mapToObj(i -> "s" + i).toList())), null)).write(full);
            HalfPrecision.convert(full, half);
            Checkpoint read = Checkpoint.read(half);
            assertThat(read.kind()).isEqualTo(ModelKind.FORWARD);
            List<ForwardResult> a = model.generate(texts, ForwardControls.DEFAULT);
            try (ForwardTTS loaded = ForwardTTS.fromCheckpoint(read, m)) {
                List<ForwardResult> b = loaded.generate(texts, ForwardControls.DEFAULT);
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(b.get(i).frames()).isEqualTo(a.get(i).frames());
                    for (int t = 0; t < a.get(i).frames(); t++) {
                        for (int k = 0; k < 8; k++) {
                            assertThat(b.get(i).mel()[t][k]).isCloseTo(a.get(i).mel()[t][k],
                                    org.assertj.core.api.Assertions.within(0.05f));
                        }
                    }
                }
            }
        }
    }
}
