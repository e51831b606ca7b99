package io.mytts.config;

import java.util.Locale;

/** Distance used by the mel reconstruction loss. */
public enum MelLoss {
    L1,
    MSE;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MelLoss fromJson(String value) {
        return JsonNames.parse(MelLoss.class, value, "mel_loss");
    }
}
