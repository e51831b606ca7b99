package io.mytts.cli;

import io.mytts.InvalidInputException;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one line for the user: bad input exits with status 2, anything else is an
 * internal error with status 1. Stack traces only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    static final int BAD_INPUT = 2;
    static final int INTERNAL_ERROR = 1;

    private final boolean verbose;

    ErrorHandler(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        String message = userMessage(cause);
        int status = message != null ? BAD_INPUT : INTERNAL_ERROR;
        if (message == null) {
            message = "internal error: " + cause + (verbose ? "" : " (run with --verbose for details)");
        }
        cl.getErr().println("mytts: " + message);
        if (verbose) {
            cause.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return status;
    }

    /** The message for a problem with the user's input, or null if the problem is ours. */
    private static String userMessage(Throwable t) {
        if (t instanceof InvalidInputException) {
            return t.getMessage();
        }
        if (t instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file";
        }
        if (t instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (t instanceof FileNotFoundException) {
            return t.getMessage();
        }
        return null;
    }
}
