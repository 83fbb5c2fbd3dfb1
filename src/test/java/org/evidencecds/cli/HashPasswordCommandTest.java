package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** hash-password prints a {bcrypt} hash of the password on standard input, which the web application accepts. */
class HashPasswordCommandTest {

    static CliRunner withStdin(String stdin, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRunner.run(args);
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void theHashMatchesThePassword() {
        CliRunner r = withStdin("correct horse battery staple\n", "hash-password", "--cost", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String hash = r.out().trim();
        assertThat(hash).startsWith("{bcrypt}$2a$04$").doesNotContain("correct horse");
        var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        assertThat(encoder.matches("correct horse battery staple", hash)).isTrue();
        assertThat(encoder.matches("correct horse battery stapl", hash)).isFalse();
    }

    @Test
    void anEmptyInputIsAUsageError() {
        CliRunner r = withStdin("", "hash-password");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("no password on standard input");
    }
}
