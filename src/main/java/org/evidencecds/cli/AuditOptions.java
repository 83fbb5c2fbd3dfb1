package org.evidencecds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.evidencecds.audit.AuditLog;
import org.evidencecds.audit.KnowledgeArchive;
import org.evidencecds.audit.Pseudonymizer;
import org.evidencecds.audit.Recorder;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.screening.ScreeningReport;
import picocli.CommandLine.Option;

/**
 * {@code --audit}: record a command-line answer in the audit log, as the web channels do. The patient
 * identifier is pseudonymised with the key in the environment variable {@code AUDIT_HMAC_KEY} (never on the
 * command line, where other users could read it) and never stored raw.
 */
final class AuditOptions {

    static final String KEY_VARIABLE = "AUDIT_HMAC_KEY";

    @Option(names = "--audit", description = "record this answer in the audit log (see --db-url)")
    boolean audit;

    @Option(names = "--patient-ref", paramLabel = "ID",
            description = "patient identifier, stored only as an HMAC pseudonym (key from $" + KEY_VARIABLE + "); needs --audit")
    String patientRef;

    private Recorder recorder(DataSource ds, AuditLog log, Knowledge knowledge, Path evidenceDir, PrintWriter err) {
        // the answering knowledge is kept so that `audit replay` can re-run this request later
        new KnowledgeArchive(ds).retain(knowledge, evidenceDir);
        Pseudonymizer pseudonymizer = new Pseudonymizer(System.getenv(KEY_VARIABLE));
        if (patientRef != null && !pseudonymizer.enabled()) {
            err.println("warning: $" + KEY_VARIABLE + " is not set: the row is recorded without a patient reference");
        }
        return new Recorder(log, pseudonymizer, new ObjectMapper());
    }

    void check() {
        if (patientRef != null && !audit) {
            throw new UsageException("--patient-ref is only used with --audit");
        }
    }

    void evaluation(AuditDatabase db, Knowledge knowledge, Path evidenceDir, Map<String, Object> inputs, java.util.Set<String> packs,
                    EvidenceReport report, PrintWriter err) {
        if (audit) {
            DataSource ds = db.open();
            try (AuditLog log = new AuditLog(ds)) {
                String id = recorder(ds, log, knowledge, evidenceDir, err).evaluation("cli", null, patientRef, inputs, packs, report);
                err.println("audit: recorded as request " + id);
            }
        }
    }

    void screening(AuditDatabase db, Knowledge knowledge, Path evidenceDir, org.evidencecds.screening.Screener screener,
                   Map<String, Object> profile, ScreeningReport report, PrintWriter err) {
        if (audit) {
            DataSource ds = db.open();
            try (AuditLog log = new AuditLog(ds)) {
                Recorder recorder = recorder(ds, log, knowledge, evidenceDir, err);
                // and the trial's rules, so that the screening can be replayed too
                new KnowledgeArchive(ds).retainTrial(screener, report.screening().trial());
                String id = recorder.screening("cli-screening", null, patientRef, profile, report);
                err.println("audit: recorded as request " + id);
            }
        }
    }
}
