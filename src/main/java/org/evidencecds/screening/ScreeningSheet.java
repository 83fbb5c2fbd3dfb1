package org.evidencecds.screening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.ProfileCategory;
import org.evidencecds.rules.ProfileValue;
import org.kie.api.definition.rule.Rule;

/**
 * What the screening rules decided for one candidate, collected as they fire (one sheet per screening,
 * never shared between threads). The rules decide; the sheet only records the statuses, the inputs that
 * decided them and the rules that fired.
 */
public final class ScreeningSheet {

    /** The recorded status of one criterion. */
    static final class Entry {
        String status;
        final Map<String, Object> inputs = new LinkedHashMap<>();
        final List<String> missing = new ArrayList<>();
        final List<String> rules = new ArrayList<>();
    }

    private final PatientProfile profile;
    final Map<String, Entry> entries = new LinkedHashMap<>();
    String verdict;
    String verdictRule;

    ScreeningSheet(PatientProfile profile) {
        this.profile = profile;
    }

    /** A criterion met or not met, with the profile facts that decided it; returns the fact for the verdict rules. */
    public CriterionOutcome record(Rule rule, String criterion, boolean inclusion, String status, List<?> facts) {
        Entry e = entry(criterion, status, rule);
        for (Object f : facts) {
            if (f instanceof ProfileValue v) {
                e.inputs.put(v.getField(), v.getValue());
            } else if (f instanceof ProfileCategory c) {
                e.inputs.put(c.getField(), c.getValue());
            }
        }
        return new CriterionOutcome(criterion, inclusion, status);
    }

    /** A criterion that the recorded inputs cannot decide; {@code fields} are the inputs it reads. */
    public CriterionOutcome unknown(Rule rule, String criterion, boolean inclusion, List<String> fields) {
        Entry e = entry(criterion, "unknown", rule);
        for (String f : fields) {
            Object v = profile.value(f);
            if (v == null) {
                e.missing.add(f);
            } else {
                e.inputs.put(f, v);
            }
        }
        return new CriterionOutcome(criterion, inclusion, "unknown");
    }

    public void verdict(Rule rule, String verdict) {
        if (this.verdict != null) {
            throw new IllegalStateException("two verdicts: " + this.verdict + " and " + verdict + " (rule " + rule.getName() + ")");
        }
        this.verdict = verdict;
        this.verdictRule = rule.getName();
    }

    private Entry entry(String criterion, String status, Rule rule) {
        Entry e = entries.computeIfAbsent(criterion, k -> new Entry());
        if (e.status != null && !e.status.equals(status)) {
            // the compiler makes a criterion's rules exclusive; two statuses would be a compiler defect
            throw new IllegalStateException("criterion " + criterion + " is both " + e.status + " and " + status + " (rule " + rule.getName() + ")");
        }
        e.status = status;
        e.rules.add(rule.getName());
        return e;
    }
}
