package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.evidencecds.web.cdshooks.CdsClientTrust;
import org.evidencecds.web.cdshooks.TrustedClient;
import org.evidencecds.web.cdshooks.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key and token a CDS client makes with cds-token are the ones the service's CdsClientTrust accepts. */
class CdsTokenCommandTest {

    static final String ISSUER = "https://ehr.example.org";
    static final String AUD = "http://localhost:8080/cds-services/dfu-cell-therapy-evidence";

    @TempDir
    Path dir;

    @Test
    void aNewKeyAndItsTokenAreAcceptedByTheService() throws Exception {
        Path keyFile = dir.resolve("client-key.json");
        CliRunner made = CliRunner.run("cds-token", "--new-key", keyFile.toString(), "--kid", "ehr-2026");
        assertThat(made.exitCode()).as(made.err()).isZero();
        JWKSet published = JWKSet.parse(made.out());
        assertThat(published.getKeys()).singleElement().satisfies(k -> {
            assertThat(k.getKeyID()).isEqualTo("ehr-2026");
            assertThat(k.isPrivate()).as("only the public key is printed").isFalse();
        });
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        }

        CliRunner signed = CliRunner.run("cds-token", "--key", keyFile.toString(), "--iss", ISSUER, "--aud", AUD, "--tenant", "hospital-a");
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        String token = signed.out().strip();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES384");
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(Duration.between(jwt.getJWTClaimsSet().getIssueTime().toInstant(), jwt.getJWTClaimsSet().getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofSeconds(300));

        // the service, trusting this issuer with the JWK set printed above
        CdsClientTrust trust = new CdsClientTrust(List.of(new TrustedClient(ISSUER, URI.create("https://ehr.example.org/jwks.json"), List.of())),
                "http://localhost:8080", Duration.ofSeconds(60), Clock.systemUTC(), url -> published);
        Verification v = trust.verify("Bearer " + token, "/cds-services/dfu-cell-therapy-evidence");
        assertThat(v).isInstanceOf(Verification.Accepted.class);
        assertThat(((Verification.Accepted) v).client().tenant()).isEqualTo("hospital-a");
    }

    @Test
    void anRsaKeySignsRs384() throws Exception {
        Path keyFile = dir.resolve("rsa.json");
        Files.writeString(keyFile, new RSAKeyGenerator(2048).keyID("rsa-1").generate().toJSONString());
        CliRunner signed = CliRunner.run("cds-token", "--key", keyFile.toString(), "--iss", ISSUER, "--aud", AUD, "--ttl-seconds", "60",
                "--jku", "https://ehr.example.org/jwks.json");
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        SignedJWT jwt = SignedJWT.parse(signed.out().strip());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS384");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("rsa-1");
        assertThat(jwt.getHeader().getJWKURL()).hasToString("https://ehr.example.org/jwks.json");
    }

    @Test
    void aKeyFileIsNeverOverwritten() throws Exception {
        Path keyFile = dir.resolve("client-key.json");
        Files.writeString(keyFile, "precious");
        CliRunner run = CliRunner.run("cds-token", "--new-key", keyFile.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --new-key: " + keyFile + " exists; a key file is never overwritten" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(keyFile)).isEqualTo("precious");
    }

    @Test
    void badUsageNamesTheOptionAndExitsWith2() throws Exception {
        Path keyFile = dir.resolve("client-key.json");
        assertThat(CliRunner.run("cds-token", "--new-key", keyFile.toString()).exitCode()).isZero();
        assertThat(error("cds-token")).startsWith("error: give either --new-key FILE (make a signing key) or --key FILE (sign a token)");
        assertThat(error("cds-token", "--key", keyFile.toString(), "--aud", AUD)).startsWith("error: --iss is required with --key");
        assertThat(error("cds-token", "--key", keyFile.toString(), "--iss", ISSUER)).startsWith("error: --aud is required with --key");
        assertThat(error("cds-token", "--key", keyFile.toString(), "--iss", ISSUER, "--aud", "cds-services/x"))
                .startsWith("error: --aud: 'cds-services/x' is not an http(s) URL");
        assertThat(error("cds-token", "--key", keyFile.toString(), "--iss", ISSUER, "--aud", AUD, "--ttl-seconds", "0"))
                .startsWith("error: --ttl-seconds must be positive");
        assertThat(error("cds-token", "--key", dir.resolve("missing.json").toString(), "--iss", ISSUER, "--aud", AUD))
                .startsWith("error: --key: cannot read");
        Path publicOnly = dir.resolve("public.json");
        Files.writeString(publicOnly, JWK.parse(Files.readString(keyFile)).toPublicJWK().toJSONString());
        assertThat(error("cds-token", "--key", publicOnly.toString(), "--iss", ISSUER, "--aud", AUD)).startsWith("error: --key: " + publicOnly
                + " holds a public key");
    }

    private static String error(String... args) {
        CliRunner run = CliRunner.run(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        return run.err();
    }
}
