package org.evidencecds.web;

import org.evidencecds.audit.Durability;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start-up refused because the audit database is not durable is reported as its one-line reason (Spring
 * Boot's "APPLICATION FAILED TO START" block), not as a stack trace of bean creation errors.
 */
class NotDurableFailureAnalyzer extends AbstractFailureAnalyzer<Durability.NotDurableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, Durability.NotDurableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set spring.datasource.url without WRITE_DELAY (WRITE_DELAY=0 is then added) or with WRITE_DELAY=0.", cause);
    }
}
