package io.mytts;

/**
 * Raised when something the user supplied (a file, a setting, a piece of text) cannot be used.
 *
 * <p>The message is written for the user: it names the input, says what was wrong and, where
 * possible, what to do. The command line prints it on one line and exits with status 2.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
