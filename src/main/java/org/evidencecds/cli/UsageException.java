package org.evidencecds.cli;

/**
 * Bad input detected by a command (a file that cannot be read, a row that cannot be parsed): the CLI
 * prints the one-line message, no stack trace, and exits with code 2.
 */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    /** The folder must hold an evidence pack (a pack.yaml), or the command stops with a usage error. */
    static java.nio.file.Path requirePack(java.nio.file.Path dir) {
        if (!java.nio.file.Files.isRegularFile(dir.resolve(org.evidencecds.evidence.PackLoader.PACK_FILE))) {
            throw new UsageException(dir + ": no evidence pack here (no " + org.evidencecds.evidence.PackLoader.PACK_FILE + ")");
        }
        return dir;
    }
}
