package org.farmersmarket.db.cli;

/**
 * Ends a command with a message for the person at the terminal and an {@link ExitCode}; the message is printed
 * as it is (after password redaction), without a stack trace.
 */
final class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CommandFailedException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CommandFailedException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
