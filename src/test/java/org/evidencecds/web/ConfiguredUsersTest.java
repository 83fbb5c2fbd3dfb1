package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A mistake in the configured accounts stops the start-up with the setting's name. */
class ConfiguredUsersTest {

    static final String HASH = "{bcrypt}$2a$04$/9VSDwdJya4CzwiIkBewwe7CMcjsf0IlRBIDVDczK1jJB7mc8d0xe";
    final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    static SecuritySettings users(SecuritySettings.User... users) {
        return new SecuritySettings(List.of(users), null);
    }

    @Test
    void usersAndTheLegacyAdministrator() {
        var all = ConfiguredUsers.of(users(new SecuritySettings.User("alice", HASH, List.of("clinician", "ROLE_AUDITOR"))), "admin", "pw", encoder);
        assertThat(all).hasSize(2);
        assertThat(all.get(0).getAuthorities()).extracting(Object::toString).containsExactlyInAnyOrder("ROLE_CLINICIAN", "ROLE_AUDITOR");
        assertThat(encoder.matches("alice-pw", all.get(0).getPassword())).isTrue();
        assertThat(all.get(1).getAuthorities()).extracting(Object::toString).containsExactlyInAnyOrder("ROLE_AUDITOR", "ROLE_ADMINISTRATOR");
        // a bare bcrypt hash is taken as one
        assertThat(ConfiguredUsers.of(users(new SecuritySettings.User("a", HASH.substring(8), List.of("CLINICIAN"))), "", "", encoder)).hasSize(1);
    }

    @Test
    void aPlainPasswordAnUnknownRoleOrATwiceConfiguredNameIsRefused() {
        assertThatThrownBy(() -> ConfiguredUsers.of(users(new SecuritySettings.User("a", "secret", List.of("CLINICIAN"))), "", "", encoder))
                .hasMessageContaining("security.users[0].password-hash must be a bcrypt hash");
        assertThatThrownBy(() -> ConfiguredUsers.of(users(new SecuritySettings.User("a", "{noop}secret", List.of("CLINICIAN"))), "", "", encoder))
                .hasMessageContaining("security.users[0].password-hash must be a bcrypt hash");
        assertThatThrownBy(() -> ConfiguredUsers.of(users(new SecuritySettings.User("a", HASH, List.of("DOCTOR"))), "", "", encoder))
                .hasMessageContaining("security.users[0].roles: 'DOCTOR' is not a role");
        assertThatThrownBy(() -> ConfiguredUsers.of(users(new SecuritySettings.User("a", HASH, List.of())), "", "", encoder))
                .hasMessageContaining("security.users[0].roles is required");
        assertThatThrownBy(() -> ConfiguredUsers.of(users(new SecuritySettings.User("a", HASH, List.of("CLINICIAN")),
                new SecuritySettings.User("a", HASH, List.of("AUDITOR"))), "", "", encoder)).hasMessageContaining("security.users[1].username 'a' is configured twice");
        assertThatThrownBy(() -> ConfiguredUsers.of(users(new SecuritySettings.User("admin", HASH, List.of("CLINICIAN"))), "admin", "pw", encoder))
                .hasMessageContaining("audit.admin.username 'admin' is also one of security.users");
    }
}
