package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.GriffinLim;
import io.mytts.audio.Stft;
import io.mytts.audio.Vocoder;
import io.mytts.config.AudioConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocoderEvaluationTest {

    private static final AudioConfig AUDIO = AudioConfig.DEFAULT;

    /** Hears the words of a clip from how loud it is: quiet clips are misheard (so WER can differ by vocoder). */
    private static final SpeechRecognizer LOUDNESS_EAR = new SpeechRecognizer() {
        @Override
        public String transcribe(Path wav) {
            float[] s = io.mytts.audio.WavIO.read(wav).samples();
            double energy = 0;
            for (float v : s) {
                energy += v * v;
            }
            return Math.sqrt(energy / s.length) > 0.02 ? "one two three four" : "one two";
        }

        @Override
        public int sampleRate() {
            return 16000;
        }
    };

    /** Gives back the recording the mel came from, with a fixed gain: a perfect vocoder when gain is 1. */
    private static Vocoder oracle(Map<Integer, float[]> recordings, double gain) {
        return new Vocoder() {
            @Override
            public float[] synthesize(float[][] logMel) {
                float[] s = recordings.get(logMel.length).clone();
                for (int i = 0; i < s.length; i++) {
                    s[i] *= (float) gain;
                }
                return java.util.Arrays.copyOf(s, logMel.length * AUDIO.hopLength());
            }

            @Override
            public int sampleRate() {
                return AUDIO.sampleRate();
            }
        };
    }

    @Test
    void scoresEachVocoderAgainstTheRecordingAndSummarizesInOrder() {
        Map<Integer, float[]> byFrames = new LinkedHashMap<>();
        Map<String, float[]> recordings = new LinkedHashMap<>();
        Stft stft = new Stft(AUDIO);
        for (int i = 0; i < 3; i++) {
            float[] s = SpeechLike.utterance(10 + i, AUDIO.sampleRate(), 1.5 + 0.3 * i);
            recordings.put("S" + i, s);
            byFrames.put(stft.frameCount(s.length), s);
        }
        Map<String, Vocoder> vocoders = new LinkedHashMap<>();
        vocoders.put("oracle", oracle(byFrames, 1.0));
        vocoders.put("whisper", oracle(byFrames, 0.01));
        vocoders.put("griffin-lim", GriffinLim.builder().optAudioConfig(AUDIO).optIterations(8).build());
        VocoderEvaluation evaluation = new VocoderEvaluation(vocoders, LOUDNESS_EAR, AUDIO,
                item -> new AudioClip(recordings.get(item.id()), AUDIO.sampleRate()));
        List<EvaluationTexts.Item> texts = List.of(new EvaluationTexts.Item("S0", "one two three four"),
                new EvaluationTexts.Item("S1", "one two three four"), new EvaluationTexts.Item("S2", "one two three four"));
        List<VocoderEvaluation.Item> items = evaluation.run(texts, null);
        List<VocoderEvaluation.Summary> summary = VocoderEvaluation.summarize(items);

        assertThat(summary).extracting(VocoderEvaluation.Summary::vocoder).containsExactly("oracle", "whisper", "griffin-lim");
        assertThat(VocoderEvaluation.referenceWer(items)).isZero();
        VocoderEvaluation.Summary oracle = summary.get(0);
        assertThat(oracle.wer()).isZero();
        assertThat(oracle.stoi()).isGreaterThan(0.99);
        assertThat(oracle.mcd()).isLessThan(0.01);
        assertThat(oracle.realTimeFactor()).isPositive();
        // 2 of 4 words lost in every sentence, and no reference errors to divide by.
        assertThat(summary.get(1).wer()).isEqualTo(0.5);
        assertThat(summary.get(1).werRatio()).isNaN();
        VocoderEvaluation.Summary gl = summary.get(2);
        assertThat(gl.stoi()).isLessThan(oracle.stoi());
        assertThat(gl.mcd()).isGreaterThan(oracle.mcd());
    }

    @Test
    void aMissingReferenceRecordingIsNamed(@TempDir Path dir) {
        var refs = VocoderEvaluation.referenceFolder(dir);
        assertThatThrownBy(() -> refs.apply(new EvaluationTexts.Item("LJ001-0001", "x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("LJ001-0001.wav");
        assertThatThrownBy(() -> VocoderEvaluation.referenceFolder(dir.resolve("absent")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a folder");
    }
}
