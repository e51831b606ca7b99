package io.mytts.synth;

import ai.djl.ndarray.NDManager;
import io.mytts.config.AudioConfig;
import io.mytts.config.ModelConfig;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.data.ProsodyStore;
import io.mytts.forward.ForwardTTS;
import io.mytts.model.SpeakerTable;
import io.mytts.model.TransformerTTS;
import io.mytts.text.Language;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import java.nio.file.Path;

/** Untrained tiny voices written to a temporary folder: noise out, but every step of the pipeline runs. */
final class TinyVoices {

    /** 16 kHz with small frames, so Griffin-Lim is quick and the rate differs from the default. */
    static final AudioConfig AUDIO = new AudioConfig(16000, 256, 64, 256, 20, 0, 8000, 1e-5);

    private TinyVoices() {}

    static ModelConfig config() {
        return ModelConfig.builder().setNumLayers(1).setDModel(16).setNumHeads(2).setDff(32)
                .optPrenetHidden(12).optPostnetLayers(1).optPostnetChannels(8).optPostnetKernel(3)
                .optReductionFactor(2).optMaxLength(256).build();
    }

    /**
     * Writes a voice. {@code stopBias} is set into the stop head's bias: -30 means the stop token
     * never fires (every sentence runs to its step cap), +30 that it fires at the first frame.
     */
    static Path write(Path folder, boolean halfPrecision, long seed, float stopBias) {
        return write(folder, halfPrecision, seed, stopBias, SpeakerTable.NONE);
    }

    /** As {@link #write(Path, boolean, long, float)}, a voice of these speakers. */
    static Path write(Path folder, boolean halfPrecision, long seed, float stopBias, SpeakerTable speakers) {
        SymbolTable symbols = SymbolTable.characters(Language.EN);
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config(), symbols.size(), AUDIO.nMels(), speakers, m, seed)) {
            var bias = model.parameters().arrays().get("decoder.stop_proj.bias");
            float[] values = new float[(int) bias.size()];
            java.util.Arrays.fill(values, stopBias);
            bias.set(values);
            return VoicePackager.builder().setName("tiny").optTextSettings(TextSettings.englishCharacters())
                    .optAudioConfig(AUDIO).optVocoder(new VocoderSettings(4, 1.0)).optHalfPrecision(halfPrecision)
                    .build().fromModel(model, symbols, folder);
        }
    }

    /** A voice whose stop token never fires. */
    static Path write(Path folder) {
        return write(folder, true, 7, -30f);
    }

    /** {@link #write(Path)}'s voice, loaded for a test class. */
    static LoadedVoice loaded() {
        return LoadedVoice.written(TinyVoices::write);
    }

    /** {@link #writeForward(Path)}'s voice, loaded for a test class. */
    static LoadedVoice loadedForward() {
        return LoadedVoice.written(TinyVoices::writeForward);
    }

    /** The speaker statistics of the tiny forward voice (log-F0 mean and spread, energy mean and spread). */
    static final ProsodyStore.SpeakerStats FORWARD_STATS = new ProsodyStore.SpeakerStats(5.1, 0.07, 3.2, 1.9);

    /**
     * Writes an untrained forward voice (the {@code forward-tiny} preset at {@link #AUDIO}'s mel
     * count) whose duration predictor's bias is set to about {@code framesPerToken} frames a token.
     */
    static Path writeForward(Path folder, long seed, double framesPerToken) {
        return writeForward(folder, seed, framesPerToken, SpeakerTable.NONE);
    }

    /** As {@link #writeForward(Path, long, double)}, a voice of these speakers. */
    static Path writeForward(Path folder, long seed, double framesPerToken, SpeakerTable speakers) {
        SymbolTable symbols = SymbolTable.characters(Language.EN);
        TTSConfig c = Presets.config("forward-tiny");
        try (NDManager m = NDManager.newBaseManager();
                ForwardTTS model = new ForwardTTS(c.model(), c.forward(), symbols.size(), AUDIO.nMels(), speakers,
                        FORWARD_STATS, m, seed)) {
            model.parameters().get("variance.duration.out.bias").set(new float[] {(float) Math.log1p(framesPerToken)});
            return VoicePackager.builder().setName("tiny-forward").optTextSettings(TextSettings.englishCharacters())
                    .optAudioConfig(AUDIO).optVocoder(new VocoderSettings(4, 1.0)).build()
                    .fromModel(model, symbols, folder);
        }
    }

    /** A forward voice of about 4 frames a token. */
    static Path writeForward(Path folder) {
        return writeForward(folder, 11, 4);
    }
}
