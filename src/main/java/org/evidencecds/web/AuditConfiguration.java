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
