package io.mytts.server;

import io.mytts.synth.SynthesisOptions;

/**
 * What to say, validated: the voice, the text (within the length limit) and the decoding options.
 *
 * @param textField the request field that held the text, for error messages
 */
record SpeechRequest(ServedVoice voice, String text, SynthesisOptions options, String textField) {}
