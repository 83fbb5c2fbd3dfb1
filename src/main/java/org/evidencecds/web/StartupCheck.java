package org.evidencecds.web;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.evidencecds.knowledge.EvidenceDirectory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Checks the evidence before anything starts: a server asked to run on evidence that does not validate, or
 * on rules out of date with it, prints every problem (one per line, {@code file:line:column: field: reason})
 * and a summary line to standard error, and exits with status 2, the command line's code for bad input.
 * No stack trace, no log: the problems are the whole output.
 *
 * <p>It runs once the settings are read (command line, environment, application.properties), so it checks
 * the very folders the server would load, and before logging, the banner, the database and the web server.
 */
final class StartupCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final int BAD_INPUT = 2;

    /** How the process ends; a test can replace it. */
    interface Exit {
        void exit(int status);
    }

    private final PrintStream err;
    private final Exit exit;

    StartupCheck() {
        this(System.err, System::exit);
    }

    StartupCheck(PrintStream err, Exit exit) {
        this.err = err;
        this.exit = exit;
    }

    @Override
    public int getOrder() {
        // after the settings are loaded (EnvironmentPostProcessorApplicationListener, +10), before logging (+20)
        return Ordered.HIGHEST_PRECEDENCE + 11;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment env = event.getEnvironment();
        Path evidence = Path.of(env.getProperty("evidence.dir", "evidence"));
        Path rules = Path.of(env.getProperty("rules.dir", "rules"));
        EvidenceDirectory.Checked checked = EvidenceDirectory.check(evidence, rules);
        List<String> problems = checked.problems();
        if (problems.isEmpty()) {
            // the rule bases are built from what was just read, beside the rest of the start-up
            KnowledgePreload.start(checked);
            return;
        }
        problems.forEach(err::println);
        err.println("error: the server did not start: " + problems.size() + " problem(s) in evidence.dir=" + evidence
                + " (rules.dir=" + rules + "); fix them and start again ('validate' and 'compile --check' show the same)");
        err.flush();
        exit.exit(BAD_INPUT);
    }
}
