package org.evidencecds.web.cdshooks;

/**
 * Who called, as established by a verified token: the issuer (the EHR), the token's subject and nonce,
 * the EHR's tenant if it sent one, and the key and algorithm that signed it. {@code subject} and
 * {@code tenant} are null when the token has none.
 */
public record VerifiedClient(String issuer, String subject, String jti, String tenant, String kid, String alg) {
}
