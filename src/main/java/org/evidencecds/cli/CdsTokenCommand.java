package org.evidencecds.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cds-token}: the CDS client's side of CDS Hooks 2.0 client trust, for trying the service out and
 * for testing an EHR integration: make a signing key and its public JWK set, and sign a token for a call.
 */
@Command(name = "cds-token", mixinStandardHelpOptions = true,
        description = {"Act as a CDS client (an EHR) to try the CDS Hooks security.",
                "With --new-key FILE, write a new EC P-384 private key (JWK) and print the public JWK set to publish.",
                "With --key FILE --iss ISSUER --aud URL, print a signed JWT for Authorization: Bearer "
                        + "(ES384 for an EC P-384 key, RS384 for RSA)."})
final class CdsTokenCommand implements Callable<Integer> {

    /** The algorithm a client key signs with: CDS Hooks recommends ES384 and RS384. */
    private static final Map<Curve, JWSAlgorithm> EC_ALGORITHMS = Map.of(Curve.P_256, JWSAlgorithm.ES256, Curve.P_384, JWSAlgorithm.ES384,
            Curve.P_521, JWSAlgorithm.ES512);

    @Spec
    CommandSpec spec;

    @Option(names = "--new-key", paramLabel = "FILE", description = "write a new EC P-384 private JWK to FILE (never overwritten) and print the public JWK set")
    Path newKey;

    @Option(names = "--kid", paramLabel = "ID", description = "key id of the new key (default: its JWK thumbprint)")
    String kid;

    @Option(names = "--key", paramLabel = "FILE", description = "sign a token with the private JWK in FILE")
    Path key;

    @Option(names = "--iss", paramLabel = "ISSUER", description = "the issuer the CDS service trusts (cds-hooks.clients[N].issuer)")
    String issuer;

    @Option(names = "--aud", paramLabel = "URL", description = "the URL of the CDS service called, e.g. http://localhost:8080/cds-services/dfu-cell-therapy-evidence")
    String audience;

    @Option(names = "--ttl-seconds", paramLabel = "N", defaultValue = "300", description = "lifetime of the token (default: ${DEFAULT-VALUE})")
    long ttlSeconds;

    @Option(names = "--jku", paramLabel = "URL", description = "the URL of the JWK set to name in the token's header (optional)")
    String jku;

    @Option(names = "--tenant", paramLabel = "ID", description = "the EHR's tenant, sent as the tenant claim (optional)")
    String tenant;

    @Override
    public Integer call() throws Exception {
        if ((newKey == null) == (key == null)) {
            throw new UsageException("give either --new-key FILE (make a signing key) or --key FILE (sign a token)");
        }
        if (newKey != null) {
            if (issuer != null || audience != null || jku != null || tenant != null) {
                throw new UsageException("--iss, --aud, --jku and --tenant go with --key, not --new-key");
            }
            spec.commandLine().getOut().println(newKey());
        } else {
            if (kid != null) {
                throw new UsageException("--kid goes with --new-key; the key id of --key is the one in its JWK");
            }
            spec.commandLine().getOut().println(token());
        }
        return 0;
    }

    private String newKey() throws JOSEException {
        var generator = new ECKeyGenerator(Curve.P_384).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES384);
        ECKey generated = kid == null ? generator.keyIDFromThumbprint(true).generate() : generator.keyID(kid).generate();
        writePrivate(newKey, generated.toJSONString() + System.lineSeparator());
        return new JWKSet(generated.toPublicJWK()).toString(true);
    }

    /** Created, never replaced, readable by its owner only where the file system has POSIX permissions. */
    private static void writePrivate(Path file, String content) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (var channel = Files.newByteChannel(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly)) {
            channel.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        } catch (FileAlreadyExistsException e) {
            throw new UsageException("--new-key: " + file + " exists; a key file is never overwritten");
        } catch (IOException e) {
            throw new UsageException("--new-key: cannot write " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private String token() {
        JWK jwk = readKey();
        if (issuer == null || issuer.isBlank()) {
            throw new UsageException("--iss is required with --key: the issuer the CDS service trusts");
        }
        if (audience == null) {
            throw new UsageException("--aud is required with --key: the URL of the CDS service called, "
                    + "e.g. http://localhost:8080/cds-services/dfu-cell-therapy-evidence");
        }
        URI aud = webUrl("--aud", audience);
        if (ttlSeconds <= 0) {
            throw new UsageException("--ttl-seconds must be positive, got " + ttlSeconds);
        }
        JWSAlgorithm alg = algorithmFor(jwk);
        JWSHeader.Builder header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(jwk.getKeyID());
        if (jku != null) {
            header.jwkURL(webUrl("--jku", jku));
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).audience(aud.toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds))).jwtID(UUID.randomUUID().toString());
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims.build());
        try {
            jwt.sign(signerFor(jwk));
        } catch (JOSEException e) {
            throw new UsageException("--key: cannot sign with " + key + ": " + e.getMessage());
        }
        return jwt.serialize();
    }

    private JWK readKey() {
        String text;
        try {
            text = Files.readString(key);
        } catch (IOException e) {
            throw new UsageException("--key: cannot read " + key + " (" + e.getClass().getSimpleName() + ")");
        }
        JWK jwk;
        try {
            jwk = JWK.parse(text);
        } catch (ParseException e) {
            throw new UsageException("--key: " + key + " is not a JWK (a JSON key as written by --new-key): " + e.getMessage());
        }
        if (!jwk.isPrivate()) {
            throw new UsageException("--key: " + key + " holds a public key; signing needs the private JWK (as written by --new-key)");
        }
        if (jwk.getKeyID() == null || jwk.getKeyID().isBlank()) {
            throw new UsageException("--key: the JWK in " + key + " has no kid; the CDS service finds the key by it");
        }
        return jwk;
    }

    private JWSAlgorithm algorithmFor(JWK jwk) {
        if (jwk instanceof RSAKey) {
            return JWSAlgorithm.RS384;
        }
        if (jwk instanceof ECKey ec && EC_ALGORITHMS.containsKey(ec.getCurve())) {
            return EC_ALGORITHMS.get(ec.getCurve());
        }
        throw new UsageException("--key: " + key + " holds a " + jwk.getKeyType() + " key; use an EC P-384 or RSA key");
    }

    private static JWSSigner signerFor(JWK jwk) throws JOSEException {
        return jwk instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) jwk);
    }

    private static URI webUrl(String option, String value) {
        try {
            URI uri = new URI(value);
            if (uri.isAbsolute() && List.of("http", "https").contains(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new UsageException(option + ": '" + value + "' is not an http(s) URL");
    }
}
