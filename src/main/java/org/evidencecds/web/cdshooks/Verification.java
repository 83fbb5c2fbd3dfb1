package org.evidencecds.web.cdshooks;

/** The answer of {@link CdsClientTrust#verify}: the verified client, or why the call is refused. */
public sealed interface Verification permits Verification.Accepted, Verification.Rejected {

    record Accepted(VerifiedClient client) implements Verification {
    }

    /** {@code reason} is one sentence for the caller (safe to send back: no secrets, untrusted values cut short). */
    record Rejected(String reason) implements Verification {
    }
}
