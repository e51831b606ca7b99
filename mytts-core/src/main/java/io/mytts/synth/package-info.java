/**
 * Speech from text or SSML with one voice: {@link io.mytts.synth.Synthesizer} (normalise, decode in
 * batches, apply each part's prosody to the mel, vocode, join with pauses and breaks),
 * {@link io.mytts.synth.SynthesisOptions} for one request, {@link io.mytts.synth.SynthesisResult}
 * with per-sentence results and a {@link io.mytts.synth.Timeline} of sentence, word and mark
 * times; {@link io.mytts.synth.Synthesizer#stream} hands the audio to an
 * {@link io.mytts.synth.AudioSink} as it is made, for texts of any length. A
 * {@link io.mytts.synth.Voice} is a packaged model with its text, audio and vocoder settings
 * ({@link io.mytts.synth.VoicePackager} makes one from a checkpoint). Beam search, alignment repair
 * ({@link io.mytts.synth.Repair}) and the text-aware stop are the decoding strategy of a request.
 */
package io.mytts.synth;
