package org.evidencecds.web;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may do what. A user may hold several roles.
 * <ul>
 * <li>CLINICIAN: evaluate and screen (API, the page {@code /}, {@code /embed}, {@code /provenance}), read the
 * knowledge (packs, rules, trials); closed to others only with {@code evaluations.require-auth=true}.</li>
 * <li>AUDITOR: read the audit log ({@code /api/v1/audit}) and verify its chain ({@code /admin/audit/**}).</li>
 * <li>ADMINISTRATOR: knowledge updates ({@code /admin/knowledge/**}) and the rest of {@code /admin/**}.</li>
 * </ul>
 */
public enum Role {
    CLINICIAN, AUDITOR, ADMINISTRATOR;

    /** The Spring Security authority ("ROLE_CLINICIAN"). */
    public String authority() {
        return "ROLE_" + name();
    }

    /** "clinician", "CLINICIAN", "ROLE_CLINICIAN" (spaces around ignored); empty if it names no role. */
    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("ROLE_")) {
            t = t.substring(5);
        }
        for (Role r : values()) {
            if (r.name().equals(t)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
