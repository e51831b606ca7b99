package io.mytts.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Synthesizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Whether a forward voice's speed and pitch controls do what they say, on the same sentences
 * spoken twice: with the controls and with the model's own speed and pitch (speed 1, pitch 0),
 * every other option the same.
 *
 * <ul>
 *   <li>Duration ratio: the controlled speech's total length over the neutral one's, the sum of each
 *       sentence's vocoded length (pauses between sentences left out); speed {@code s} should give
 *       {@code 1/s}.</li>
 *   <li>F0 shift: {@code 12·log2} of the median F0 of the controlled speech's voiced frames over the
 *       neutral one's, both pooled over all sentences and tracked by {@link Yin} at the voice's hop;
 *       pitch {@code p} should give {@code p} semitones.</li>
 * </ul>
 *
 * @param speed the speed asked for
 * @param pitchSemitones the pitch shift asked for
 * @param sentences texts spoken (each twice)
 * @param neutralSeconds speech length at speed 1, pitch 0
 * @param controlledSeconds speech length with the controls
 * @param neutralMedianF0 Hz, NaN when no frame is voiced
 * @param controlledMedianF0 Hz, NaN when no frame is voiced
 */
public record ProsodyControlCheck(double speed, double pitchSemitones, int sentences, double neutralSeconds,
        double controlledSeconds, double neutralMedianF0, double controlledMedianF0) {

    /**
     * Speaks each text with {@code controlled} and again with speed 1 and pitch 0.
     *
     * @param progress hears of each text done (may be null)
     */
    public static ProsodyControlCheck run(Synthesizer synthesizer, List<String> texts, SynthesisOptions controlled,
            Consumer<Integer> progress) {
        if (texts.isEmpty()) {
            throw new InvalidInputException("the control check needs at least one sentence");
        }
        SynthesisOptions neutral = controlled.toBuilder().optSpeed(1).optPitchSemitones(0).build();
        var audio = synthesizer.voice().audio();
        Yin yin = Yin.builder().setSampleRate(synthesizer.sampleRate()).optHop(audio.hopLength()).build();
        Spoken a = new Spoken();
        Spoken b = new Spoken();
        for (int i = 0; i < texts.size(); i++) {
            a.add(synthesizer.synthesize(texts.get(i), neutral), yin);
            b.add(synthesizer.synthesize(texts.get(i), controlled), yin);
            if (progress != null) {
                progress.accept(i + 1);
            }
        }
        return new ProsodyControlCheck(controlled.speed(), controlled.pitchSemitones(), texts.size(), a.seconds,
                b.seconds, a.medianF0(), b.medianF0());
    }

    /** Speech length and voiced F0 values of one condition. */
    private static final class Spoken {
        double seconds;
        final List<double[]> voiced = new ArrayList<>();

        void add(SynthesisResult r, Yin yin) {
            for (SentenceResult s : r.sentences()) {
                seconds += s.seconds();
            }
            voiced.add(java.util.Arrays.stream(yin.track(r.audio()).f0()).filter(f -> f > 0).toArray());
        }

        double medianF0() {
            return Median.of(voiced.stream().flatMapToDouble(java.util.Arrays::stream).toArray());
        }
    }

    /** Controlled over neutral speech length. */
    public double durationRatio() {
        return controlledSeconds / neutralSeconds;
    }

    /** What the duration ratio should be: {@code 1 / speed}. */
    public double expectedDurationRatio() {
        return 1 / speed;
    }

    /** The median F0 shift in semitones, controlled against neutral (NaN without voiced frames). */
    public double f0ShiftSemitones() {
        return 12 * Math.log(controlledMedianF0 / neutralMedianF0) / Math.log(2);
    }

    /** The lines for people. */
    public String summary() {
        return String.format(Locale.ROOT, """
                control check (%d sentences, each also at speed 1 and pitch 0):
                  speed %.2f: duration ratio %.3f (expected %.3f, off by %+.1f%%), %.2f s against %.2f s
                  pitch %+.1f semitones: median F0 %.1f Hz against %.1f Hz, a shift of %+.2f semitones (off by %+.2f)
                """, sentences, speed, durationRatio(), expectedDurationRatio(),
                100 * (durationRatio() / expectedDurationRatio() - 1), controlledSeconds, neutralSeconds, pitchSemitones,
                controlledMedianF0, neutralMedianF0, f0ShiftSemitones(), f0ShiftSemitones() - pitchSemitones);
    }

    /** As JSON; NaN measures are null. */
    public ObjectNode toJson() {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("speed", speed).put("pitch_semitones", pitchSemitones).put("sentences", sentences);
        number(o, "neutral_seconds", neutralSeconds);
        number(o, "controlled_seconds", controlledSeconds);
        number(o, "duration_ratio", durationRatio());
        number(o, "expected_duration_ratio", expectedDurationRatio());
        number(o, "neutral_median_f0_hz", neutralMedianF0);
        number(o, "controlled_median_f0_hz", controlledMedianF0);
        number(o, "f0_shift_semitones", f0ShiftSemitones());
        return o;
    }

    private static void number(ObjectNode o, String key, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }
}
