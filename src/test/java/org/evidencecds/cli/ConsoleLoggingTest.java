package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Logging outside Spring is set up in code; the web application's settings say the same. */
class ConsoleLoggingTest {

    @Test
    void commandsLogPlainLinesToStandardErrorWithTheEngineQuiet() {
        LoggerContext context = new LoggerContext();
        new ConsoleLogging().configure(context);
        assertThat(context.getLogger("org.drools.core.Anything").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("ca.uhn.fhir.context.FhirContext").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.evidencecds.rules.RuleBases").getEffectiveLevel()).isEqualTo(Level.INFO);
        ch.qos.logback.core.ConsoleAppender<?> console = (ch.qos.logback.core.ConsoleAppender<?>)
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        assertThat(console.getTarget()).isEqualTo("System.err");
        assertThat(console.isStarted()).isTrue();
    }

    @Test
    void theLoggerFactoryUsesItWithoutAnXmlFile() {
        assertThat(ConsoleLogging.class.getResource("/logback.xml")).isNull();
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger("org.kie.api").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void theWebApplicationLogsWithTheSamePatternAndLevels() throws Exception {
        Properties p = new Properties();
        try (InputStream in = ConsoleLoggingTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        assertThat(p.getProperty("logging.pattern.console")).isEqualTo(ConsoleLogging.PATTERN);
        for (String quiet : ConsoleLogging.QUIET) {
            assertThat(p.getProperty("logging.level." + quiet)).as(quiet).isEqualTo("WARN");
        }
    }
}
