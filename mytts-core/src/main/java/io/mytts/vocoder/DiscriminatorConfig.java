package io.mytts.vocoder;

import java.util.List;

/**
 * Sizes of the adversarial critics.
 *
 * @param periods the multi-period discriminator's periods (HiFi-GAN: 2, 3, 5, 7, 11)
 * @param periodChannels channels of its five strided 2-D convolutions
 * @param resolutions STFT settings of the multi-resolution discriminator
 * @param resolutionChannels channels of each resolution's convolutions (UnivNet: 32)
 */
record DiscriminatorConfig(int[] periods, int[] periodChannels, List<Resolution> resolutions, int resolutionChannels) {

    /** One STFT resolution. */
    record Resolution(int nFft, int hop, int winLength) {}

    /** HiFi-GAN's periods and UnivNet's resolutions, with period channels narrowed for a CPU. */
    static DiscriminatorConfig cpu() {
        return new DiscriminatorConfig(new int[] {2, 3, 5, 7, 11}, new int[] {32, 64, 128, 256, 256},
                List.of(new Resolution(2048, 512, 2048), new Resolution(1024, 256, 1024), new Resolution(512, 128, 512)),
                32);
    }

    /** Small enough for a unit test. */
    static DiscriminatorConfig tiny() {
        return new DiscriminatorConfig(new int[] {2, 3}, new int[] {4, 4, 4, 4, 4},
                List.of(new Resolution(128, 32, 128)), 4);
    }
}
