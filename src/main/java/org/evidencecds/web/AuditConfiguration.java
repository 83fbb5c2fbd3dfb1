package org.evidencecds.web;

import javax.sql.DataSource;
import org.evidencecds.audit.AuditLog;
import org.evidencecds.audit.Durability;
import org.evidencecds.audit.Pseudonymizer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit log on the configured DataSource (H2 file under ./data by default; Flyway migrates it). */
@Configuration
public class AuditConfiguration {

    /**
     * An H2 file URL without WRITE_DELAY gets {@code ;WRITE_DELAY=0} before the connection pool is built, so
     * that a commit writes the audit row to the file before the answer leaves (the H2 default, 500 ms, lost
     * answered evaluations on kill -9; see {@link Durability}). A URL that asks for another write delay stops
     * the start-up with a one-line message rather than being overridden silently. Runs after the properties
     * are bound; Spring Boot reads the URL from them when it builds the pool.
     */
    @Bean
    public static BeanPostProcessor durableAuditDatabaseUrl() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSourceProperties properties && properties.getUrl() != null) {
                    properties.setUrl(Durability.durableUrl(properties.getUrl()));
                }
                return bean;
            }
        };
    }

    /**
     * The audit log; before it is used, the setting in force is checked on a real connection (whatever built
     * the DataSource): H2 with a write delay refuses to start, PostgreSQL with synchronous_commit=off warns.
     * At shutdown its writer writes what is queued, then stops ({@link AuditLog#close()}; the bean depends
     * on the DataSource, so it is closed before the pool is).
     */
    @Bean(destroyMethod = "close")
    public AuditLog auditLog(DataSource dataSource) {
        Durability.check(dataSource).ifPresent(LoggerFactory.getLogger(AuditConfiguration.class)::warn);
        return new AuditLog(dataSource);
    }

    /** Serialises each answer once, in the view asked for; the audit log keeps the digest of the bytes sent. */
    @Bean
    public org.evidencecds.audit.AnswerWriter answerWriter(com.fasterxml.jackson.databind.ObjectMapper json) {
        return new org.evidencecds.audit.AnswerWriter(json);
    }

    /**
     * The audit writer in {@code /actuator/metrics}: rows and transactions committed (their ratio is the
     * group commit achieved), rows and transactions that failed, and the entries waiting.
     */
    @Bean
    public io.micrometer.core.instrument.binder.MeterBinder auditWriterMetrics(AuditLog log) {
        return registry -> {
            io.micrometer.core.instrument.FunctionCounter.builder("audit.writer.rows", log, l -> l.writerStats().rows())
                    .description("audit rows committed").register(registry);
            io.micrometer.core.instrument.FunctionCounter.builder("audit.writer.transactions", log, l -> l.writerStats().transactions())
                    .description("transactions that committed audit rows (rows / transactions = rows per commit)").register(registry);
            io.micrometer.core.instrument.FunctionCounter.builder("audit.writer.failed.rows", log, l -> l.writerStats().failedRows())
                    .description("audit rows whose transaction failed (their callers got an error)").register(registry);
            io.micrometer.core.instrument.FunctionCounter.builder("audit.writer.failed.transactions", log,
                    l -> l.writerStats().failedTransactions()).description("audit transactions rolled back").register(registry);
            io.micrometer.core.instrument.Gauge.builder("audit.writer.queued", log, l -> l.writerStats().queued())
                    .description("entries waiting for the audit writer").register(registry);
        };
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
