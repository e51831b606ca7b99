/**
 * Speech Synthesis Markup (SSML 1.1), a useful subset: {@link io.mytts.ssml.SsmlDocument#parse}
 * reads a document securely (no DTD, no entities of any kind, errors with line and column) into a
 * flat list of parts that a synthesizer speaks in order: text with its style (rate, pitch, volume,
 * language, voice), pauses and marks. {@code say-as} and {@code sub} are resolved into words here,
 * by the text package's rules; prosody is carried as numbers for the synthesizer to apply. See
 * {@code docs/ssml.md} for the supported elements and how each is approximated.
 */
package io.mytts.ssml;
