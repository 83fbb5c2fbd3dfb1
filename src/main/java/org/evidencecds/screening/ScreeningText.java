package org.evidencecds.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A screening as plain text for a trial coordinator at a terminal. */
public final class ScreeningText {

    private ScreeningText() {
    }

    /** Inputs as "field = value, ..." (numbers without trailing zeros). */
    static String inputs(java.util.Map<String, Object> inputs) {
        List<String> parts = new ArrayList<>();
        inputs.forEach((f, v) -> parts.add(f + " = " + (v instanceof Double d ? TrialProtocol.num(d) : v)));
        return String.join(", ", parts);
    }

    public static String render(ScreeningResult r) {
        StringBuilder out = new StringBuilder();
        out.append("Screening for trial ").append(r.trial()).append(" (").append(r.registryId()).append(", transcription ")
                .append(r.trialVersion()).append(", ").append(r.protocolStatus()).append(", criteria read: ").append(r.verification())
                .append(")\n").append(r.title()).append("\nRules ").append(r.rulesVersion()).append("\n").append(r.notice()).append("\n\n");
        out.append("Verdict: ").append(r.verdict().toUpperCase(Locale.ROOT)).append(" — ").append(r.summary()).append("\n\n");
        out.append("Screened criteria\n");
        for (ScreeningResult.CriterionResult c : r.criteria()) {
            out.append(String.format(Locale.ROOT, "  %-9s %-10s %-17s %s%n", c.kind(), c.status(), "(" + c.effect() + ")", c.id()));
            out.append("      ").append(c.condition());
            if (!c.inputs().isEmpty()) {
                out.append("; input ").append(inputs(c.inputs()));
            }
            if (!c.missing().isEmpty()) {
                out.append("; missing ").append(String.join(", ", c.missing()));
            }
            if (!c.notScreenedAlternatives().isEmpty() && !c.status().equals("met")) {
                out.append("; could still be met by: ").append(String.join(" | ", c.notScreenedAlternatives()));
            }
            out.append("\n      \"").append(c.text()).append("\"\n");
        }
        if (!r.collect().isEmpty()) {
            out.append("\nTo decide the open criteria, record: ").append(String.join(", ", r.collect())).append("\n");
        }
        if (!r.notScreened().isEmpty()) {
            out.append("\nFor the investigator (not decidable from the profile)\n");
            for (TrialProtocol.Unscreened u : r.notScreened()) {
                out.append("  ").append(String.format(Locale.ROOT, "%-9s ", u.kind().name().toLowerCase(Locale.ROOT))).append(u.text())
                        .append(u.readable() ? "" : "  [the source breaks off here: read the registry record]").append("\n");
            }
        }
        return out.toString();
    }
}
