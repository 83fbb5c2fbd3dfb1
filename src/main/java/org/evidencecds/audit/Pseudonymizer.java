package org.evidencecds.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed, stable pseudonym for a patient identifier (HMAC-SHA256): the same patient always gets the same
 * reference under one key, the raw identifier is never stored or logged, and without the key the
 * reference cannot be linked back. Without a configured key no reference is kept at all.
 */
public final class Pseudonymizer {

    private final byte[] key;

    public Pseudonymizer(String key) {
        this.key = key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    public boolean enabled() {
        return key != null;
    }

    /** The pseudonym, or null when no identifier is given or no key is configured. */
    public String reference(String identifier) {
        if (identifier == null || identifier.isBlank() || key == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "hmac:" + HexFormat.of().formatHex(mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8))).substring(0, 40);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
