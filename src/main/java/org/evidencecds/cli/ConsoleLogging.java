package org.evidencecds.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * Logging outside Spring (the CLI, the domain core used as a library, plain tests): plain lines on standard
 * error, so that a command's output on standard out stays clean, with the rule engine's and the FHIR
 * library's start-up chatter kept out. Set up in code, found by logback through
 * {@code META-INF/services}, instead of from a {@code logback.xml}: reading the XML loaded about 600 classes
 * (logback's configuration model and an XML parser) on every start of a command. The web application
 * configures its logging through Spring Boot instead ({@code logging.*} in {@code application.properties},
 * same pattern and levels), which replaces this at start-up.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    /** The pattern of every line; {@code logging.pattern.console} in application.properties is the same. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";

    /** Loggers kept at WARN; application.properties sets the same {@code logging.level.*}. */
    static final List<String> QUIET = List.of("org.drools", "org.kie", "org.flywaydb", "ca.uhn.fhir");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
