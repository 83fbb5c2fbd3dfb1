package org.evidencecds.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.evidencecds.profile.FieldText;
import org.evidencecds.profile.PatientProfile;

/**
 * A screening in clinical language: the verdict with its reason, what is left for the investigator, and
 * the whole screening as plain text for a trial coordinator at a terminal. Labels and units come from the
 * field definitions ({@link FieldText}), limits from the protocol ({@link CriterionText}); no field name or
 * code is shown.
 */
public final class ScreeningText {

    private ScreeningText() {
    }

    /** Inputs as "field = value, ..." (numbers without trailing zeros): the technical summary of API clients only. */
    static String inputs(Map<String, Object> inputs) {
        List<String> parts = new ArrayList<>();
        inputs.forEach((f, v) -> parts.add(f + " = " + (v instanceof Double d ? TrialProtocol.num(d) : v)));
        return String.join(", ", parts);
    }

    /** The verdict in words. */
    public static String verdictLabel(String verdict) {
        return switch (verdict) {
            case "not-eligible" -> "Not eligible";
            case "needs-information" -> "May be eligible";
            default -> "Eligible on every criterion checked";
        };
    }

    /**
     * The verdict with its reason: "Not eligible: ulcer area 20 cm², the trial requires 0.5–13 cm².",
     * "May be eligible: 6 criteria could not be checked (… not recorded).", "Eligible on every criterion
     * checked (7 criteria)."
     */
    static String verdictText(TrialProtocol p, Screener.Decision d, PatientProfile profile) {
        String text = switch (d.verdict()) {
            case "not-eligible" -> {
                List<String> reasons = new ArrayList<>();
                for (int i = 0; i < p.criteria().size(); i++) {
                    if (d.criteria().get(i).excludes()) {
                        reasons.add(CriterionText.reason(p.criteria().get(i), profile));
                    }
                }
                yield "Not eligible: " + String.join("; ", reasons) + ".";
            }
            case "needs-information" -> {
                List<String> open = new ArrayList<>();
                if (!d.collect().isEmpty()) {
                    open.add(FieldText.and(d.collect().stream().map(FieldText::labelInSentence).toList()) + " not recorded");
                }
                long undecided = 0;
                for (int i = 0; i < p.criteria().size(); i++) {
                    Screener.CriterionDecision c = d.criteria().get(i);
                    if (c.status().equals("unknown")) {
                        undecided++;
                        if (c.missing().isEmpty()) {
                            // the recorded values fail it, but an alternative the profile cannot hold may still meet it
                            open.add(FieldText.inSentence(CriterionText.label(p.criteria().get(i))) + " to be checked by the investigator");
                        }
                    }
                }
                yield "May be eligible: " + FieldText.count(undecided, "criterion", "criteria") + " could not be checked ("
                        + String.join("; ", open) + ").";
            }
            default -> "Eligible on every criterion checked (" + FieldText.count(p.criteria().size(), "criterion", "criteria") + ").";
        };
        return "example".equals(p.status()) ? "Example protocol, not a registered trial. " + text : text;
    }

    /** What the screening cannot decide: "12 further criteria of the protocol cannot be decided from …". */
    static String investigatorText(TrialProtocol p) {
        int n = p.notScreened().size();
        if (n == 0) {
            return "The protocol lists no further criteria for the investigator.";
        }
        String text = FieldText.count(n, "further criterion", "further criteria") + " of the protocol cannot be decided from the patient's "
                + "details: the investigator checks " + (n == 1 ? "it." : "them.");
        if (p.notScreened().stream().anyMatch(u -> !u.readable())) {
            text += " Part of the protocol could not be read: see the registry record.";
        }
        return text;
    }

    /** How the criteria were transcribed, in words: "criteria transcribed from copies of the registry record, …". */
    public static String transcription(String protocolStatus, String verification) {
        if ("example".equals(protocolStatus)) {
            return "an example protocol, not a registered trial";
        }
        return switch (verification == null ? "" : verification) {
            case "verified" -> "criteria transcribed from the registry record and checked against it";
            case "extracted" -> "criteria extracted from the registry record";
            case "secondary" -> "criteria transcribed from copies of the registry record, not from the registry itself";
            default -> "criteria transcribed from the registry record";
        };
    }

    /** One line for a list of trials: "Trial NCT06003530 (title): May be eligible: …". */
    public static String trialLine(ScreeningResult r) {
        return "Trial " + r.registryId() + " (" + r.title() + "): " + r.verdictText();
    }

    /** The whole screening as text: verdict, each criterion in a sentence with the protocol's words, what is left. */
    public static String render(ScreeningResult r) {
        StringBuilder out = new StringBuilder();
        out.append("Trial ").append(r.registryId()).append(": ").append(r.title()).append('\n');
        out.append(FieldText.capitalized(transcription(r.protocolStatus(), r.verification()))).append(" (transcription ")
                .append(r.trialVersion()).append("; rules version ").append(r.rulesVersion()).append(")\n");
        out.append(r.notice()).append("\n\n");
        out.append("Verdict: ").append(r.verdictText()).append("\n\n");
        out.append("Criteria checked (").append(r.criteria().size()).append(")\n");
        for (ScreeningResult.CriterionResult c : r.criteria()) {
            out.append(String.format(java.util.Locale.ROOT, "  %-10s %s%n", FieldText.capitalized(c.kind()), c.sentence()));
            out.append("             Protocol: \"").append(c.text()).append("\"\n");
        }
        if (!r.collectLabels().isEmpty()) {
            out.append("\nTo decide the open criteria, record: ")
                    .append(FieldText.and(r.collectLabels().stream().map(FieldText::inSentence).toList())).append(".\n");
        }
        out.append('\n').append(r.investigatorText()).append('\n');
        for (TrialProtocol.Unscreened u : r.notScreened()) {
            out.append(String.format(java.util.Locale.ROOT, "  %-10s ", FieldText.capitalized(u.kind().name().toLowerCase(java.util.Locale.ROOT))))
                    .append(u.text()).append(u.readable() ? "" : "  [the source breaks off here: read the registry record]").append('\n');
        }
        return out.toString();
    }
}
