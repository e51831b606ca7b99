package io.mytts.synth;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.mytts.InvalidInputException;
import io.mytts.config.AudioConfig;
import io.mytts.config.CrossWindow;
import io.mytts.text.TextSettings;
import java.util.List;

/**
 * The keys of a voice's {@code voice.json}, declared once for {@link Voice} (reading) and
 * {@link VoicePackager} (writing); read as strictly as every JSON file ({@link io.mytts.config.StrictJson}).
 */
@JsonDeserialize(builder = VoiceJson.Keys.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record VoiceJson(String format, int formatVersion, String name, String model, String precision,
        TextSettings text, AudioConfig audio, VocoderSettings vocoder, CrossWindow decoding,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> speakers) {

    @JsonPOJOBuilder
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Keys {
        @JsonPropertyDescription("always mytts-voice")
        private String format;
        @JsonPropertyDescription("the voice format's version")
        private int formatVersion = -1;
        @JsonPropertyDescription("the voice's name (default: its folder's name)")
        private String name;
        @JsonPropertyDescription("the checkpoint file in the folder")
        private String model = VoicePackager.MODEL_FILE;
        @JsonPropertyDescription("how the parameters are stored: float16 or float32")
        private String precision = "float32";
        @JsonPropertyDescription("how the model reads text: tokenizer and language")
        private TextSettings text;
        @JsonPropertyDescription("the audio config the model was trained with")
        private AudioConfig audio = AudioConfig.DEFAULT;
        @JsonPropertyDescription("the vocoder it sounds best with")
        private VocoderSettings vocoder = VocoderSettings.DEFAULT;
        @JsonPropertyDescription("the cross-attention window to generate with instead of the model's")
        private CrossWindow decoding;
        @JsonPropertyDescription("a multi-speaker model's speakers, as its checkpoint lists them (absent: one speaker)")
        private List<String> speakers = List.of();

        VoiceJson build() {
            if (audio == null || vocoder == null || model == null) {
                throw new InvalidInputException("\"audio\", \"vocoder\" and \"model\" cannot be null; leave them out"
                        + " for their defaults");
            }
            return new VoiceJson(format, formatVersion, name, model, precision, text, audio, vocoder, decoding,
                    speakers == null ? List.of() : List.copyOf(speakers));
        }
    }
}
