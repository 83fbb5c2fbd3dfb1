package org.evidencecds.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hash-password}: the bcrypt hash of a password for {@code security.users[N].password-hash}. The
 * password is read from standard input (its first line; typed without echo at a terminal), never from the
 * command line, where it would stay in the shell's history and the process list.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Print the bcrypt hash of a password read from standard input.",
                "The password is the first line of standard input; the hash ({bcrypt}$2a$...) goes into security.users[N].password-hash."})
final class HashPasswordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cost", paramLabel = "N", defaultValue = "12", description = "bcrypt cost, 4 to 31 (default: ${DEFAULT-VALUE})")
    int cost;

    @Override
    public Integer call() throws IOException {
        if (cost < 4 || cost > 31) {
            throw new UsageException("--cost must be between 4 and 31, got " + cost);
        }
        String password = read();
        if (password == null || password.isEmpty()) {
            throw new UsageException("no password on standard input (e.g. read -rs P; printf '%s\\n' \"$P\" | ... hash-password)");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new UsageException("the password is longer than 72 bytes, which bcrypt cannot hash");
        }
        spec.commandLine().getOut().println("{bcrypt}" + new BCryptPasswordEncoder(cost).encode(password));
        return 0;
    }

    private static String read() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            return typed == null ? null : new String(typed);
        }
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
