package org.evidencecds.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The roles of a bearer token from the hospital's OpenID Connect issuer: the values of a configured claim
 * (a name, or a dotted path into nested objects such as Keycloak's {@code realm_access.roles}; a list or a
 * space- or comma-separated string), each either a role's own name (any case, with or without ROLE_) or a
 * value mapped to roles by {@code security.oidc.role-mappings}. Other values grant nothing.
 */
final class OidcRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final String[] path;
    private final Map<String, String> mappings;

    OidcRoles(SecuritySettings.Oidc settings) {
        this.path = settings.rolesClaim().split("\\.");
        this.mappings = settings.roleMappings();
        mappings.forEach((value, roles) -> roles(roles, "security.oidc.role-mappings[" + value + "]"));
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Set<Role> roles = new LinkedHashSet<>();
        for (String value : values(jwt.getClaims())) {
            String mapped = mappings.get(value);
            if (mapped != null) {
                roles.addAll(roles(mapped, null));
            } else {
                Role.parse(value).ifPresent(roles::add);
            }
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
        return authorities;
    }

    private List<String> values(Map<String, Object> claims) {
        Object node = claims;
        for (String step : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return List.of();
            }
            node = m.get(step);
        }
        List<String> values = new ArrayList<>();
        if (node instanceof Collection<?> c) {
            c.forEach(x -> values.add(String.valueOf(x)));
        } else if (node instanceof String s) {
            for (String part : s.split("[\\s,]+")) {
                if (!part.isBlank()) {
                    values.add(part);
                }
            }
        }
        return values;
    }

    /** "AUDITOR" or "CLINICIAN,AUDITOR"; a wrong role name in the settings stops the start-up. */
    private static List<Role> roles(String text, String setting) {
        List<Role> roles = new ArrayList<>();
        for (String part : text.split(",")) {
            Optional<Role> r = Role.parse(part);
            if (r.isEmpty() && setting != null) {
                throw new IllegalStateException(setting + ": '" + part.trim() + "' is not a role; the roles are CLINICIAN, AUDITOR, ADMINISTRATOR");
            }
            r.ifPresent(roles::add);
        }
        return roles;
    }
}
