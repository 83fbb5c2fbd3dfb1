package org.evidencecds.cli;

/**
 * Bad input detected by a command (a file that cannot be read, a row that cannot be parsed): the CLI
 * prints the one-line message, no stack trace, and exits with code 2.
 */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
