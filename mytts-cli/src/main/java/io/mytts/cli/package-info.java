/**
 * The {@code mytts} command line (picocli): {@link io.mytts.cli.MyTTSCommand} and one subcommand a
 * file, each a thin layer that parses options, calls the library ({@code io.mytts.*} in mytts-core,
 * the server in mytts-server) and prints the result; {@link io.mytts.cli.ErrorHandler} turns bad
 * input into one line and exit status 2.
 *
 * <p>Not a library: nothing here is meant to be called from other code, and logic that an embedding
 * application would also need belongs in mytts-core, not in a command.
 */
package io.mytts.cli;
