package org.evidencecds.web.security;

/**
 * Accounts of the security tests: one per role (bcrypt hashes of cost 4, fast enough for tests), besides the
 * backward-compatible {@code audit.admin} account of the test configuration (auditor / test-password).
 */
final class TestUsers {

    private TestUsers() {
    }

    static final String CLINICIAN = "alice";
    static final String AUDITOR = "bob";
    static final String ADMINISTRATOR = "carol";
    static final String CLINICIAN_AND_AUDITOR = "dora";

    static String password(String user) {
        return user + "-pw";
    }

    /** security.users[N].* for the four accounts above. */
    static final String U0 = "security.users[0].username=alice";
    static final String U0_HASH = "security.users[0].password-hash={bcrypt}$2a$04$/9VSDwdJya4CzwiIkBewwe7CMcjsf0IlRBIDVDczK1jJB7mc8d0xe";
    static final String U0_ROLES = "security.users[0].roles=CLINICIAN";
    static final String U1 = "security.users[1].username=bob";
    static final String U1_HASH = "security.users[1].password-hash={bcrypt}$2a$04$1oK2ux15krjfb5Wjt1kcfOBSKA19O6joaRXGbn26z1Pbdi32qN7Fa";
    static final String U1_ROLES = "security.users[1].roles=AUDITOR";
    static final String U2 = "security.users[2].username=carol";
    static final String U2_HASH = "security.users[2].password-hash={bcrypt}$2a$04$mg9/Yam1qKlgMXBp/CmqFuVS1d4bHc2.TZumxuzzKRnhQJ4ZlnbUm";
    static final String U2_ROLES = "security.users[2].roles=administrator";
    static final String U3 = "security.users[3].username=dora";
    static final String U3_HASH = "security.users[3].password-hash={bcrypt}$2a$04$W8W5hupGKWQOrEoKUzxNNuQVWAIqL.eOXpzTTNlxruII02oGBJM2.";
    static final String U3_ROLES = "security.users[3].roles=CLINICIAN,AUDITOR";
}
