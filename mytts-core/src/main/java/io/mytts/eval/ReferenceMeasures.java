package io.mytts.eval;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.MelSpectrogram;
import io.mytts.config.AudioConfig;

/**
 * Everything measured of a synthesized signal against a reference recording of the same words:
 * mel cepstral distortion, STOI and ESTOI, log-F0 RMSE and voicing decision error. A measure that
 * cannot be taken (less than 384 ms of speech for STOI, no frame voiced in both for the RMSE) is NaN.
 *
 * <p>Alignment: {@link Alignment#TIME_ALIGNED} signals (copy synthesis, a vocoder's output for the
 * reference's own mel) are compared sample for sample after cutting both to the shorter length,
 * and their pitch frame t with frame t. {@link Alignment#WARPED} signals (TTS output, whose pace
 * differs from the recording's) are aligned by dynamic time warping: the pitch frames along the
 * path that {@link MelCepstralDistortion} finds on the mel cepstra (same hop, so one pitch value a
 * mel frame), STOI by {@link Stoi#ofUnaligned}. MCD is always taken along its own warping path,
 * as before.
 *
 * @param mcd mel cepstral distortion, dB
 * @param stoi STOI
 * @param estoi extended STOI
 * @param f0RmseCents log-F0 RMSE in cents over frames voiced in both
 * @param voicingError share of compared frames whose voicing decisions differ
 */
public record ReferenceMeasures(double mcd, double stoi, double estoi, double f0RmseCents, double voicingError) {

    /** How the synthesized signal's frames are matched with the reference's. */
    public enum Alignment {
        /** Same timing (copy synthesis): the lengths may differ by less than one hop. */
        TIME_ALIGNED,
        /** Different timing (TTS output): dynamic time warping. */
        WARPED
    }

    /** No measure: what an item without a reference or without audio reports. */
    public static final ReferenceMeasures NONE =
            new ReferenceMeasures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /**
     * Measures {@code synthesized} against {@code reference}; both are resampled to the audio
     * config's rate first when they are at another.
     *
     * @throws InvalidInputException when time-aligned signals differ in length by a hop or more
     */
    public static ReferenceMeasures compare(AudioClip synthesized, AudioClip reference, AudioConfig audio,
            Alignment alignment) {
        AudioClip syn = synthesized.resampledTo(audio.sampleRate());
        AudioClip ref = reference.resampledTo(audio.sampleRate());
        if (alignment == Alignment.TIME_ALIGNED) {
            int difference = Math.abs(syn.samples().length - ref.samples().length);
            if (difference >= audio.hopLength()) {
                throw new InvalidInputException("time-aligned signals may differ in length by less than one hop ("
                        + audio.hopLength() + " samples), these by " + difference + " (" + syn.samples().length
                        + " synthesized, " + ref.samples().length + " reference); compare them as warped");
            }
            int n = Math.min(syn.samples().length, ref.samples().length);
            syn = new AudioClip(java.util.Arrays.copyOf(syn.samples(), n), syn.sampleRate());
            ref = new AudioClip(java.util.Arrays.copyOf(ref.samples(), n), ref.sampleRate());
        }
        MelSpectrogram mel = new MelSpectrogram(audio);
        float[][] synMel = mel.compute(syn.samples());
        float[][] refMel = mel.compute(ref.samples());
        if (synMel.length == 0 || refMel.length == 0) {
            return NONE;
        }
        double mcd = MelCepstralDistortion.between(synMel, refMel);

        Yin yin = Yin.builder().setSampleRate(audio.sampleRate()).optHop(audio.hopLength()).build();
        PitchTrack synPitch = yin.track(syn);
        PitchTrack refPitch = yin.track(ref);
        PitchComparison pitch = alignment == Alignment.TIME_ALIGNED
                ? PitchComparison.timeAligned(refPitch, synPitch)
                : PitchComparison.along(refPitch, synPitch, MelCepstralDistortion.path(refMel, synMel));

        Stoi.Scores stoi;
        try {
            stoi = alignment == Alignment.TIME_ALIGNED ? Stoi.of(ref, syn) : Stoi.ofUnaligned(ref, syn);
        } catch (Stoi.TooLittleSpeechException e) {
            stoi = new Stoi.Scores(Double.NaN, Double.NaN);
        }
        return new ReferenceMeasures(mcd, stoi.stoi(), stoi.estoi(), pitch.rmseCents(), pitch.voicingError());
    }
}
