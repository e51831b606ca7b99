package io.mytts.forward;

import io.mytts.InvalidInputException;

/**
 * What a forward model lets a listener change.
 *
 * @param speed a length scale: predicted durations are divided by it, so 2.0 speaks in half the
 *     time; 0.5 to 2.0
 * @param pitchSemitones added to the predicted pitch, in semitones; -12 to 12
 */
public record ForwardControls(double speed, double pitchSemitones) {

    public static final double MIN_SPEED = 0.5;
    public static final double MAX_SPEED = 2.0;
    public static final double MAX_PITCH_SEMITONES = 12;

    /** The model's own speed and pitch. */
    public static final ForwardControls DEFAULT = new ForwardControls(1, 0);

    public ForwardControls {
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw new InvalidInputException("speed must be between " + MIN_SPEED + " and " + MAX_SPEED
                    + " (a length scale: 2 speaks twice as fast, 0.5 half as fast), not " + speed);
        }
        if (!(Math.abs(pitchSemitones) <= MAX_PITCH_SEMITONES)) {
            throw new InvalidInputException("pitch must be between -" + (int) MAX_PITCH_SEMITONES + " and "
                    + (int) MAX_PITCH_SEMITONES + " semitones, not " + pitchSemitones);
        }
    }
}
