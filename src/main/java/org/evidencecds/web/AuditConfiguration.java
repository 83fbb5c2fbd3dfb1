package org.evidencecds.web;

import javax.sql.DataSource;
import org.evidencecds.audit.AuditLog;
import org.evidencecds.audit.Pseudonymizer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit log on the configured DataSource (H2 file under ./data by default; Flyway migrates it). */
@Configuration
public class AuditConfiguration {

    @Bean
    public AuditLog auditLog(DataSource dataSource) {
        return new AuditLog(dataSource);
    }

    /** The cards the CDS Hooks services issued, so feedback is taken only for those. */
    @Bean
    public org.evidencecds.audit.CardLedger cardLedger(DataSource dataSource) {
        return new org.evidencecds.audit.CardLedger(dataSource);
    }

    @Bean
    public org.evidencecds.audit.KnowledgeArchive knowledgeArchive(DataSource dataSource) {
        return new org.evidencecds.audit.KnowledgeArchive(dataSource);
    }

    /** The version that is about to answer, kept before the server accepts requests. */
    public record RetainedKnowledge(String version) {
    }

    /**
     * The knowledge version about to answer requests is kept, so its answers can be replayed later. A
     * singleton bean runs during context refresh, before the embedded server starts accepting requests.
     */
    @Bean
    public RetainedKnowledge retainKnowledge(LiveKnowledge live,
            org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer migrated) {
        // the knowledge and every trial's rules, so that evaluations and screenings can be replayed
        live.retainCurrent();
        return new RetainedKnowledge(live.facade().knowledge().version());
    }

    @Bean
    public Pseudonymizer pseudonymizer(@Value("${audit.hmac-key:}") String key) {
        Pseudonymizer p = new Pseudonymizer(key);
        if (!p.enabled()) {
            LoggerFactory.getLogger(AuditConfiguration.class).warn(
                    "audit.hmac-key is not set: evaluations are audited without patient references");
        }
        return p;
    }
}
