package org.evidencecds.web;

import java.util.List;
import org.evidencecds.audit.AuditLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading the audit log and checking its chain: authenticated (see SecurityConfiguration). */
@RestController
public class AuditController {

    private final AuditLog log;

    public AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/audit")
    public List<AuditLog.Row> read(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new org.evidencecds.profile.PatientProfile.InvalidProfileException(
                    List.of(new org.evidencecds.profile.PatientProfile.FieldError("limit", "must be between 1 and 1000, got " + limit)));
        }
        return log.read(after, limit);
    }

    @GetMapping("/admin/audit/verify")
    public AuditLog.Verification verify() {
        return log.verify();
    }
}
