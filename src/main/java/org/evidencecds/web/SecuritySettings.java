package org.evidencecds.web;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code security.*}: the accounts of HTTP Basic ({@code security.users[N].username}, {@code .password-hash}
 * as {@code {bcrypt}$2a$...}, {@code .roles} as CLINICIAN,AUDITOR,ADMINISTRATOR) and how roles are read from
 * an OpenID Connect issuer's tokens ({@code security.oidc.roles-claim}, a claim name or a dotted path such as
 * {@code realm_access.roles}; {@code security.oidc.role-mappings[claim-value]=ROLE} for claim values that are
 * not the roles' own names).
 */
@ConfigurationProperties("security")
public record SecuritySettings(List<User> users, Oidc oidc) {

    public SecuritySettings {
        users = users == null ? List.of() : List.copyOf(users);
        oidc = oidc == null ? new Oidc(null, null) : oidc;
    }

    public record User(String username, String passwordHash, List<String> roles) {
    }

    public record Oidc(String rolesClaim, Map<String, String> roleMappings) {
        public Oidc {
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim.trim();
            roleMappings = roleMappings == null ? Map.of() : Map.copyOf(roleMappings);
        }
    }
}
