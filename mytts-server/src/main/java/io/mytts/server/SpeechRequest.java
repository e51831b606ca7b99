package io.mytts.server;

import io.mytts.ssml.SsmlDocument;
import io.mytts.synth.SynthesisOptions;

/**
 * What to say, validated: the voice, the document (plain text as a one-part document, or parsed
 * SSML; within the length limit) and the decoding options.
 *
 * @param textField the request field that held the text, for error messages
 */
record SpeechRequest(ServedVoice voice, SsmlDocument document, SynthesisOptions options, String textField) {}
