package io.mytts.data;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.eval.Median;
import io.mytts.eval.Yin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a {@link SubprocessTeacher} speaks with its pitch moved by some semitones: the extra command-line
 * arguments, found by measuring the voice once on a probe sentence with the project's pitch tracker
 * ({@link Yin}), then checked at both ends of the spread.
 *
 * <p>flite: a cg voice scales its F0 as f0' = (f0 − M) / SD · stddev + mean, where M and SD are the
 * voice's own mean and deviation and mean, stddev the features {@code int_f0_target_mean},
 * {@code int_f0_target_stddev} (the diphone voice kal16 sets its targets as mean + z · stddev, the same
 * form). Setting both to M·r and SD·r gives f0' = r·f0: the whole contour transposed by
 * r = 2^(shift/12), its range in semitones kept, as the forward model's {@code --pitch} moves it.
 * flite does not print M and SD, so they are measured: mean = X moves every F0 by X − M (the median
 * too), and stddev = Y scales every distance from M by Y / SD (the median distance too).
 *
 * <p>espeak-ng: {@code -p 0..99} is not linear in semitones (measured on en-us: 3.0 semitones from -p
 * 10 to 30, 3.7 from 70 to 90), so the median F0 is measured at -p 0, 10, ..., 90, 99 and a shift is
 * interpolated in that table, rounded to a whole -p (steps of about 0.15 semitone).
 */
final class TeacherPitch {

    /** Speaks a text with extra arguments to the synthesizer. */
    interface Synthesizer {
        AudioClip speak(String text, List<String> extraArgs);
    }

    /** Long enough for a few hundred voiced frames, with rises and falls. */
    static final String PROBE = "The quick brown fox jumps over the lazy dog. Would you like a cup of tea,"
            + " or shall we walk down to the river before it gets dark?";
    /** The largest error of a measured shift that still counts as the asked one, semitones. */
    static final double TOLERANCE = 0.5;
    private static final int ESPEAK_DEFAULT_P = 50;
    private static final int[] ESPEAK_TABLE_P = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 99};

    private final String spec;
    private final Synthesizer synthesizer;
    private final double medianF0;
    /** flite: the voice's own mean and deviation of F0, Hz; NaN for espeak-ng. */
    private final double fliteMean;
    private final double fliteStddev;
    /** espeak-ng: semitones from -p 50 at each -p of ESPEAK_TABLE_P; null for flite. */
    private final double[] espeakSemitones;

    private TeacherPitch(String spec, Synthesizer synthesizer, double medianF0, double fliteMean,
            double fliteStddev, double[] espeakSemitones) {
        this.spec = spec;
        this.synthesizer = synthesizer;
        this.medianF0 = medianF0;
        this.fliteMean = fliteMean;
        this.fliteStddev = fliteStddev;
        this.espeakSemitones = espeakSemitones;
    }

    /** Measures a flite voice's own F0 mean and deviation; refuses a voice that ignores the features. */
    static TeacherPitch flite(String spec, Synthesizer s) {
        double[] base = voicedF0(spec, s, List.of());
        double m0 = Median.of(base);
        double probeMean = m0 * Math.pow(2, 3 / 12.0);
        double m1 = Median.of(voicedF0(spec, s, setf("int_f0_target_mean", probeMean)));
        if (Math.abs(semitones(m1, m0)) < TOLERANCE) {
            throw cannot(spec, "it ignores int_f0_target_mean (median F0 " + hz(m0) + " by default, " + hz(m1)
                    + " asked for " + hz(probeMean) + ")");
        }
        double mean = probeMean - (m1 - m0);
        double probeStddev = 0.1 * mean;
        double spread0 = medianDistance(base, mean);
        double spread1 = medianDistance(voicedF0(spec, s, setf("int_f0_target_stddev", probeStddev)), mean);
        double stddev = probeStddev * spread0 / spread1;
        if (!(mean > 0 && stddev > 0 && Double.isFinite(stddev))) {
            throw cannot(spec, "its F0 mean and deviation measure as " + hz(mean) + " and " + hz(stddev));
        }
        return new TeacherPitch(spec, s, m0, mean, stddev, null);
    }

    /** Measures the median F0 of an espeak-ng voice at -p 0, 10, ..., 99; refuses one that does not rise with it. */
    static TeacherPitch espeak(String spec, Synthesizer s) {
        double m0 = Median.of(voicedF0(spec, s, List.of("-p", Integer.toString(ESPEAK_DEFAULT_P))));
        double[] table = new double[ESPEAK_TABLE_P.length];
        for (int i = 0; i < table.length; i++) {
            int p = ESPEAK_TABLE_P[i];
            table[i] = p == ESPEAK_DEFAULT_P ? 0
                    : semitones(Median.of(voicedF0(spec, s, List.of("-p", Integer.toString(p)))), m0);
            if (i > 0 && !(table[i] > table[i - 1])) {
                throw cannot(spec, "its median F0 does not rise with -p (" + semitonesText(table[i - 1]) + " at -p "
                        + ESPEAK_TABLE_P[i - 1] + ", " + semitonesText(table[i]) + " at -p " + p + ")");
            }
        }
        return new TeacherPitch(spec, s, m0, Double.NaN, Double.NaN, table);
    }

    /** The extra arguments that move the voice's pitch by {@code shift} semitones. */
    List<String> arguments(double shift) {
        if (espeakSemitones == null) {
            double r = Math.pow(2, shift / 12);
            List<String> args = new ArrayList<>(setf("int_f0_target_mean", fliteMean * r));
            args.addAll(setf("int_f0_target_stddev", fliteStddev * r));
            return args;
        }
        return List.of("-p", Integer.toString(espeakP(shift)));
    }

    /** Refuses a spread beyond what the voice can reach, and checks that ±spread give the measured shifts. */
    void check(double spread) {
        if (espeakSemitones != null) {
            double low = espeakSemitones[0];
            double high = espeakSemitones[espeakSemitones.length - 1];
            if (-spread < low - TOLERANCE || spread > high + TOLERANCE) {
                throw cannot(spec, "-p 0..99 reaches only " + semitonesText(low) + " to " + semitonesText(high)
                        + " semitones, less than ±" + spread + "; give a smaller --pitch-spread");
            }
        }
        for (double shift : new double[] {-spread, spread}) {
            double measured = semitones(Median.of(voicedF0(spec, synthesizer, arguments(shift))), medianF0);
            if (Math.abs(measured - shift) > TOLERANCE) {
                throw cannot(spec, "asked for " + semitonesText(shift) + " semitones it moves by "
                        + semitonesText(measured) + " (median F0 of a probe sentence); give a smaller --pitch-spread");
            }
        }
    }

    /** What was measured, for corpus.json. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median_f0_hz", round(medianF0));
        if (espeakSemitones == null) {
            m.put("int_f0_target_mean", round(fliteMean));
            m.put("int_f0_target_stddev", round(fliteStddev));
        } else {
            Map<String, Object> table = new LinkedHashMap<>();
            for (int i = 0; i < ESPEAK_TABLE_P.length; i++) {
                table.put(Integer.toString(ESPEAK_TABLE_P[i]), round(espeakSemitones[i]));
            }
            m.put("semitones_at_p", table);
        }
        return m;
    }

    private int espeakP(double shift) {
        double[] t = espeakSemitones;
        int i = 1;
        while (i < t.length - 1 && shift > t[i]) {
            i++;
        }
        double p = ESPEAK_TABLE_P[i - 1]
                + (shift - t[i - 1]) / (t[i] - t[i - 1]) * (ESPEAK_TABLE_P[i] - ESPEAK_TABLE_P[i - 1]);
        return (int) Math.max(0, Math.min(99, Math.round(p)));
    }

    private static List<String> setf(String feature, double value) {
        return List.of("--setf", feature + "=" + String.format(Locale.ROOT, "%.2f", value));
    }

    private static double[] voicedF0(String spec, Synthesizer s, List<String> args) {
        AudioClip clip = s.speak(PROBE, args);
        double[] f0 = Yin.builder().setSampleRate(clip.sampleRate()).optFmin(50).optFmax(700).build()
                .track(clip).f0();
        double[] voiced = Arrays.stream(f0).filter(f -> f > 0).toArray();
        if (voiced.length < 20) {
            throw cannot(spec, "its probe sentence has only " + voiced.length + " voiced frames");
        }
        return voiced;
    }

    private static double medianDistance(double[] f0, double centre) {
        return Median.of(Arrays.stream(f0).map(f -> Math.abs(f - centre)).toArray());
    }

    static double semitones(double f, double reference) {
        return 12 * Math.log(f / reference) / Math.log(2);
    }

    private static InvalidInputException cannot(String spec, String why) {
        return new InvalidInputException("teacher " + spec + " cannot speak with a pitch spread: " + why);
    }

    private static String hz(double f) {
        return String.format(Locale.ROOT, "%.1f Hz", f);
    }

    private static String semitonesText(double s) {
        return String.format(Locale.ROOT, "%+.2f", s);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
