package io.mytts.spark;

import ai.djl.ndarray.NDManager;
import io.mytts.config.AudioConfig;
import io.mytts.config.ModelConfig;
import io.mytts.model.TransformerTTS;
import io.mytts.synth.VocoderSettings;
import io.mytts.synth.VoicePackager;
import io.mytts.text.Language;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An untrained tiny voice written to a folder (the recipe of mytts-core's test TinyVoices, which is
 * not visible from here): noise out, but every step of synthesis runs, in milliseconds.
 */
final class TinyVoice {

    /** 16 kHz with small frames, so that Griffin-Lim is quick. */
    static final AudioConfig AUDIO = new AudioConfig(16000, 256, 64, 256, 20, 0, 8000, 1e-5);

    private TinyVoice() {}

    /** Writes the voice into {@code folder}; its stop token never fires, so each sentence runs to its step cap. */
    static String write(Path folder) {
        ModelConfig config = ModelConfig.builder().setNumLayers(1).setDModel(16).setNumHeads(2).setDff(32)
                .optPrenetHidden(12).optPostnetLayers(1).optPostnetChannels(8).optPostnetKernel(3)
                .optReductionFactor(2).optMaxLength(256).build();
        SymbolTable symbols = SymbolTable.characters(Language.EN);
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config, symbols.size(), AUDIO.nMels(), m, 7)) {
            var bias = model.parameters().arrays().get("decoder.stop_proj.bias");
            float[] never = new float[(int) bias.size()];
            Arrays.fill(never, -30f);
            bias.set(never);
            return VoicePackager.builder().setName("tiny").optTextSettings(TextSettings.englishCharacters())
                    .optAudioConfig(AUDIO).optVocoder(new VocoderSettings(4, 1.0)).optHalfPrecision(true)
                    .build().fromModel(model, symbols, folder).toString();
        }
    }
}
