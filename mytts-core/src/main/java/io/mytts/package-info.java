/**
 * The root of the MyTTS library: only what every package shares, today
 * {@link io.mytts.InvalidInputException}, the error that means "the user's input was wrong" (the CLI
 * maps it to exit status 2, the server to HTTP 400).
 *
 * <p>Not a place for helpers or utilities: each idea has its own package
 * ({@code io.mytts.text}, {@code io.mytts.audio}, {@code io.mytts.synth}, ...).
 */
package io.mytts;
