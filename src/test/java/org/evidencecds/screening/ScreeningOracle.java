package org.evidencecds.screening;

import org.evidencecds.profile.Condition;
import java.util.ArrayList;
import java.util.List;
import org.evidencecds.profile.PatientProfile;

/**
 * The meaning of a protocol in plain Java, written from the format's definition and independent of the
 * generated rules: a criterion is met when any condition holds for a recorded input; not met when every
 * input is recorded, none holds, and nothing unscreened could still satisfy it; otherwise unknown.
 */
final class ScreeningOracle {

    private ScreeningOracle() {
    }

    record Expected(String verdict, List<String> statuses) {
    }

    static Expected evaluate(TrialProtocol p, PatientProfile profile) {
        List<String> statuses = new ArrayList<>();
        boolean out = false;
        boolean open = false;
        for (TrialProtocol.Criterion c : p.criteria()) {
            boolean met = false;
            boolean allKnown = true;
            boolean presenceOnly = false;
            for (Condition cond : c.anyOf()) {
                presenceOnly |= cond.isPresenceOnly();
                Double n = profile.numbers().get(cond.field());
                String cat = profile.categories().get(cond.field());
                if (n == null && cat == null) {
                    allKnown = false;
                } else if (n != null ? cond.test(n) : cond.test(cat)) {
                    met = true;
                }
            }
            String status = met ? "met" : allKnown && !presenceOnly && c.notScreenedAlternatives().isEmpty() ? "not-met" : "unknown";
            statuses.add(status);
            boolean inclusion = c.kind() == TrialProtocol.Kind.INCLUSION;
            out |= inclusion ? status.equals("not-met") : status.equals("met");
            open |= status.equals("unknown");
        }
        return new Expected(out ? "not-eligible" : open ? "needs-information" : "eligible", statuses);
    }

    static Expected of(Screener.Decision d) {
        return new Expected(d.verdict(), d.criteria().stream().map(Screener.CriterionDecision::status).toList());
    }
}
