package org.evidencecds.cli;

import javax.sql.DataSource;
import org.evidencecds.audit.AuditLog;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine.Option;

/** The audit database a command reads (the web application's default H2 file unless told otherwise). */
final class AuditDatabase {

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "jdbc:h2:file:./data/evidence-cds-audit;AUTO_SERVER=TRUE;WRITE_DELAY=0",
            description = "audit database (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "sa", description = "database user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "", description = "database password")
    String password;

    DataSource open() {
        // an H2 file without WRITE_DELAY gets WRITE_DELAY=0: a recorded answer is on file before it is printed
        DriverManagerDataSource ds = new DriverManagerDataSource(org.evidencecds.audit.Durability.durableUrl(url), user, password);
        AuditLog.migrate(ds);
        return ds;
    }
}
