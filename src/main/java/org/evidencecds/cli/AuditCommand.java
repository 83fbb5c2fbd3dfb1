package org.evidencecds.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.evidencecds.audit.AuditLog;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code audit verify}: walk the audit log's hash chain and name the first broken row. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (verify)");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Walk the audit log's hash chain; exit 1 and name the first broken row when it does not hold."})
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "jdbc:h2:file:./data/evidence-cds-audit;AUTO_SERVER=TRUE",
                description = "audit database (default: ${DEFAULT-VALUE})")
        String url;

        @Option(names = "--db-user", paramLabel = "USER", defaultValue = "sa", description = "database user (default: ${DEFAULT-VALUE})")
        String user;

        @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "", description = "database password")
        String password;

        @Override
        public Integer call() {
            DriverManagerDataSource ds = new DriverManagerDataSource(url, user, password);
            AuditLog.migrate(ds);
            AuditLog.Verification v = new AuditLog(ds).verify();
            PrintWriter out = spec.commandLine().getOut();
            if (v.ok()) {
                out.println("ok: " + v.rows() + " rows, the hash chain holds");
                return 0;
            }
            out.println("BROKEN: " + (v.firstBrokenId() == null ? "" : "row " + v.firstBrokenId() + ": ") + v.reason()
                    + " (" + v.rows() + " rows read)");
            return 1;
        }
    }
}
