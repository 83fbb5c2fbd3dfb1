package org.evidencecds.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.evidencecds.audit.Durability;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start-up refused for a non-durable audit database is reported by its one-line reason. */
class NotDurableFailureAnalyzerTest {

    @Test
    void theReasonIsTheDescription() {
        Durability.NotDurableException cause = org.junit.jupiter.api.Assertions.assertThrows(Durability.NotDurableException.class,
                () -> Durability.durableUrl("jdbc:h2:file:./a;WRITE_DELAY=500"));
        FailureAnalysis analysis = new NotDurableFailureAnalyzer().analyze(new BeanCreationException("dataSource", "wrapped", cause));
        assertNotNull(analysis);
        assertEquals(cause.getMessage(), analysis.getDescription());
    }
}
