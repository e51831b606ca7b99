/**
 * The HTTP server behind {@code mytts serve}: MaryTTS 5.2's API ({@code /process}, {@code /voices},
 * ...), OpenAI's {@code POST /v1/audio/speech}, a native API that streams audio sentence by
 * sentence ({@code POST /api/tts}), a web page at {@code /}, {@code /health} and Prometheus
 * {@code /metrics}. Javalin on Jetty 12 does the HTTP; a fixed pool of synthesis workers with a
 * bounded queue does the speech. Start it with {@link io.mytts.server.MyTTSServer#builder()}.
 */
package io.mytts.server;
