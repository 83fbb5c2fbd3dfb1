package org.evidencecds.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The HTTP Basic accounts: {@code security.users[N]} with bcrypt hashes, and the backward-compatible audit
 * administrator ({@code audit.admin.username/password}, an AUDITOR and ADMINISTRATOR). A mistake in them stops
 * the start-up with the setting's name: an account that silently does not work is worse.
 */
final class ConfiguredUsers {

    private static final Pattern BARE_BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$");
    private static final Pattern BCRYPT = Pattern.compile("^\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$");

    private ConfiguredUsers() {
    }

    static List<UserDetails> of(SecuritySettings settings, String adminUsername, String adminPassword, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < settings.users().size(); i++) {
            SecuritySettings.User u = settings.users().get(i);
            String prefix = "security.users[" + i + "].";
            if (u.username() == null || u.username().isBlank()) {
                throw new IllegalStateException(prefix + "username is required");
            }
            String hash = u.passwordHash() == null ? "" : u.passwordHash().trim();
            if (BARE_BCRYPT.matcher(hash).matches()) {
                hash = "{bcrypt}" + hash;
            }
            if (!BCRYPT.matcher(hash).matches()) {
                throw new IllegalStateException(prefix + "password-hash must be a bcrypt hash, {bcrypt}$2a$...: make one with "
                        + "'java -jar evidence-cds.jar hash-password' (a password itself is never configured)");
            }
            if (u.roles() == null || u.roles().isEmpty()) {
                throw new IllegalStateException(prefix + "roles is required: one or more of CLINICIAN, AUDITOR, ADMINISTRATOR");
            }
            List<String> roles = new ArrayList<>();
            for (String r : u.roles()) {
                roles.add(Role.parse(r).orElseThrow(() -> new IllegalStateException(prefix + "roles: '" + r
                        + "' is not a role; the roles are CLINICIAN, AUDITOR, ADMINISTRATOR")).name());
            }
            if (!names.add(u.username().trim())) {
                throw new IllegalStateException(prefix + "username '" + u.username().trim() + "' is configured twice");
            }
            users.add(User.withUsername(u.username().trim()).password(hash).roles(roles.toArray(String[]::new)).build());
        }
        if (adminUsername != null && !adminUsername.isBlank() && adminPassword != null && !adminPassword.isBlank()) {
            if (!names.add(adminUsername.trim())) {
                throw new IllegalStateException("audit.admin.username '" + adminUsername.trim() + "' is also one of security.users");
            }
            users.add(User.withUsername(adminUsername.trim()).password(encoder.encode(adminPassword))
                    .roles(Role.AUDITOR.name(), Role.ADMINISTRATOR.name()).build());
        }
        return users;
    }
}
