package org.evidencecds.web.page;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.evidencecds.certainty.Certainty;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.OutcomeDefinition;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.findings.EffectText;
import org.evidencecds.profile.FieldText;
import org.evidencecds.summary.AbsoluteEffect;
import org.evidencecds.summary.AssumedRisk;

/**
 * A GRADE summary-of-findings table for one pack and one patient: one row per outcome with its headline
 * estimate, the anticipated absolute effect per 1,000 for binary outcomes, participants (studies),
 * certainty as ⊕ symbols, and the plain-language sentence; every caveat once, as a lettered footnote.
 */
public record SummaryOfFindings(String pack, String title, String review, String reviewDoi, String comparator,
                                String estimatesShown, List<Row> rows, List<Footnotes.Footnote> footnotes,
                                List<Footnotes.Footnote> otherNotes) {

    /**
     * One outcome.
     *
     * @param outcomeDetail unit, follow-up and comparator in words
     * @param relative "OR 4.64 (3.11 to 6.90)", or null for a mean difference (its effect is absolute)
     * @param absolute the per-1,000 effect of a ratio estimate; null when none can be given (see absoluteMissing)
     * @param absoluteText a mean difference in words, or why no absolute effect is given
     * @param certaintySymbols ⊕⊕◯◯, or null when not rated
     */
    public record Row(String outcome, String name, String outcomeDetail, boolean harm, String finding, String rule,
                      String relative, Absolute absolute, String absoluteText, String participants,
                      String certaintySymbols, String certaintyWords, String sentence, List<String> outcomeNotes,
                      List<String> participantsNotes, List<String> notes) {
        public Row {
            outcomeNotes = List.copyOf(outcomeNotes);
            participantsNotes = List.copyOf(participantsNotes);
            notes = List.copyOf(notes);
        }
    }

    /**
     * The absolute effect of a ratio estimate for the assumed control risk.
     *
     * @param measure OR or RR, with its estimate and CI limits (null: not published), for recomputing in the page
     * @param assumedFromPatient whether the control risk is the one entered for this patient
     * @param riskInput the form field that takes the patient's own control risk, in %
     * @param riskInputValue what was entered (as typed), or empty
     */
    public record Absolute(String measure, double ratio, Double low, Double high, long controlPer1000, String controlNote,
                           long riskPer1000, String riskCi, String difference, String differenceCi,
                           boolean assumedFromPatient, String riskInput, String riskInputValue,
                           Double defaultControlRisk, String riskError) {

        /** The ids aria-describedby lists for the risk input: its error when it was refused. */
        public String riskErrorId() {
            return riskInput + "-error";
        }
    }

    /** Why an entered risk was refused, shown beside its input (the row keeps the assumed risk meanwhile). */
    static final String RISK_REFUSED = "Risk without cell therapy: enter a percentage from 0 to 100 (for example 40); "
            + "the row uses the assumed risk meanwhile.";

    /** The form field of a patient's own control risk (percent) for one pack's outcome. */
    public static String riskField(String pack, String outcome) {
        return "risk-" + pack + "-" + outcome;
    }

    /**
     * The table for one pack of a report.
     *
     * @param patientRisks control risks entered for this patient, by {@link #riskField} name: the value as
     *                     typed and as a proportion (only valid entries)
     */
    public static SummaryOfFindings of(EvidenceReport.PackReport p, EvidencePack pack, Map<String, PatientRisk> patientRisks) {
        Footnotes notes = new Footnotes();
        List<Row> rows = new ArrayList<>();
        Set<String> whys = new LinkedHashSet<>();
        Set<String> rowRules = new LinkedHashSet<>();
        for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
            Optional<EvidenceReport.FindingView> headline = headline(o);
            if (o.outcome() == null) {
                continue; // direction-only claims about no named outcome: shown with the protocol and in the detail
            }
            if (headline.isEmpty()) {
                // several estimates and none singled out: the row says so, the detail lists each with its source
                List<String> outcomeLetters = new ArrayList<>();
                String detail = outcomeDetail(pack.outcome(o.outcome()).orElse(null), notes, outcomeLetters);
                rows.add(new Row(o.outcome(), o.name(), detail, o.harm(), null, null, null, null,
                        "No single estimate: " + o.headlineWhy() + ". See this outcome's estimates below.", "—", null, "—",
                        null, distinct(outcomeLetters), List.of(), List.of()));
                continue;
            }
            EvidenceReport.FindingView f = headline.get();
            whys.add(o.headlineWhy());
            rowRules.add(f.rule());
            OutcomeDefinition def = pack.outcome(o.outcome()).orElse(null);
            List<String> outcomeLetters = new ArrayList<>();
            String detail = outcomeDetail(def, notes, outcomeLetters);
            String relative = null;
            Absolute absolute = null;
            String absoluteText;
            if (f.estimate() != null && AbsoluteEffect.applies(f.measure())) {
                relative = f.measure() + " " + EffectText.number(f.estimateText(), f.estimate()) + " (" + interval(f) + ")";
                String field = riskField(p.pack(), o.outcome());
                PatientRisk entered = patientRisks.get(field);
                Optional<AssumedRisk> pooled = AssumedRisk.forOutcome(pack, o.outcome());
                AssumedRisk assumed = entered != null && entered.risk() != null ? AssumedRisk.patient(entered.risk()) : pooled.orElse(null);
                if (assumed != null) {
                    AbsoluteEffect a = AbsoluteEffect.of(f.measure(), assumed.risk(), f.estimate(), f.ciLow(), f.ciHigh());
                    String controlNote = notes.cite(controlRiskNote(assumed, pack, o.name()));
                    absolute = new Absolute(f.measure(), f.estimate(), f.ciLow(), f.ciHigh(), a.controlPer1000(), controlNote,
                            a.riskPer1000(), a.riskLow() == null ? "95% CI not published"
                            : AbsoluteEffect.per1000(a.riskLow()) + " to " + AbsoluteEffect.per1000(a.riskHigh()),
                            difference(a.differencePer1000()),
                            a.differenceLowPer1000() == null ? null : difference(a.differenceLowPer1000()) + " to " + difference(a.differenceHighPer1000()),
                            assumed.kind() == AssumedRisk.Kind.PATIENT, field, entered == null ? "" : entered.typed(),
                            pooled.map(AssumedRisk::risk).orElse(null), refused(entered));
                    absoluteText = null;
                } else {
                    absoluteText = "Not calculated: no control-arm risk is recorded for this outcome. Enter the patient's risk without cell therapy to see it.";
                    absolute = new Absolute(f.measure(), f.estimate(), f.ciLow(), f.ciHigh(), 0, null, 0, null, null, null,
                            false, field, entered == null ? "" : entered.typed(), null, refused(entered));
                }
            } else {
                // a mean difference is itself absolute; a direction-only result says so in words
                absoluteText = f.effect();
            }
            List<String> participantsLetters = new ArrayList<>();
            String participants = participants(f, pack, notes, participantsLetters);
            List<String> letters = new ArrayList<>();
            Certainty c = f.certainty();
            certaintyNotes(c, notes, letters);
            for (EvidenceReport.Caveat cv : p.caveats()) {
                // a trial count not reported is already said by the participants' footnote
                boolean saidAlready = "small-k".equals(cv.code()) && f.k() == null;
                if (cv.rules().contains(f.rule()) && !saidAlready) {
                    letters.add(notes.cite(CaveatTexts.general(cv.code(), cv.text()), List.of(cv.text())));
                }
            }
            rows.add(new Row(o.outcome(), o.name(), detail, o.harm(), f.id(), f.rule(), relative, absolute, absoluteText,
                    participants, c.rated() ? symbols(c.level()) : null,
                    c.rated() ? FieldText.capitalized(c.level().words()) : "Not rated", c.statement(), distinct(outcomeLetters), distinct(participantsLetters),
                    distinct(letters)));
        }
        // the pack's other caveats (subgroups, protocol elements, sources): once each, grouped by kind
        Footnotes other = new Footnotes();
        for (EvidenceReport.Caveat cv : p.caveats()) {
            if (cv.rules().stream().noneMatch(rowRules::contains)) {
                other.cite(CaveatTexts.general(cv.code(), cv.text()), List.of(cv.text()));
            }
        }
        String shown = whys.size() == 1 ? "Each row shows " + whys.iterator().next() + "." : null;
        return new SummaryOfFindings(p.pack(), p.title(), p.reviewShortCitation(), p.reviewDoi(), pack.info().comparator(), shown, rows,
                notes.all(), other.all());
    }

    /** A control risk entered for a patient: the text as typed, and the proportion when it is valid (else null). */
    public record PatientRisk(String typed, Double risk) {
    }

    private static String refused(PatientRisk entered) {
        return entered != null && entered.risk() == null ? RISK_REFUSED : null;
    }

    private static Optional<EvidenceReport.FindingView> headline(EvidenceReport.OutcomeEvidence o) {
        if (o.headlineFinding() != null) {
            return o.findings().stream().filter(x -> x.id().equals(o.headlineFinding())).findFirst();
        }
        return Optional.empty();
    }

    private static String outcomeDetail(OutcomeDefinition def, Footnotes notes, List<String> letters) {
        List<String> parts = new ArrayList<>();
        String unit = def == null ? "" : EffectText.inputUnit(def.unit());
        if (!unit.isBlank()) {
            parts.add("in " + unit);
        }
        parts.add("follow-up not reported");
        letters.add(notes.cite("The source does not report the follow-up time of its pooled estimates."));
        if (def != null && def.comparator() == org.evidencecds.evidence.Vocabulary.Comparator.VS_BASELINE) {
            parts.add("against the same patients before treatment");
        } else {
            parts.add("against control");
        }
        return String.join(" · ", parts);
    }

    private static String participants(EvidenceReport.FindingView f, EvidencePack pack, Footnotes notes, List<String> letters) {
        String studies = f.k() == null ? null : f.k() + (f.k() == 1 ? " study" : " studies");
        if (f.n() != null) {
            return String.format(java.util.Locale.ENGLISH, "%,d", f.n()) + (studies == null ? "" : " (" + studies + ")");
        }
        var designs = pack.source(pack.info().review()).map(s -> s.designs()).orElse(null);
        String overall = designs == null || designs.snippet() == null ? ""
                : " For the review as a whole: “" + designs.snippet() + "” (" + designs.locator() + ").";
        letters.add(notes.cite("The source does not report the number of participants" + (studies == null ? " or studies" : "")
                + " behind this estimate." + overall));
        return studies == null ? "Not reported" : "Not reported (" + studies + ")";
    }

    private static void certaintyNotes(Certainty c, Footnotes notes, List<String> letters) {
        if (!c.rated()) {
            String bound = c.upperBound() == null ? "" : " At most " + c.upperBound().words() + " (" + symbols(c.upperBound()) + ") given what is known.";
            letters.add(notes.cite("Certainty not rated: " + c.notRatedBecause() + "." + bound));
        }
        for (Certainty.Domain d : c.domains()) {
            if (d.knownDowngrade() > 0) {
                letters.add(notes.cite((c.rated() ? "Rated down for " : "Known concern, ") + d.name().toLowerCase(java.util.Locale.ROOT)
                        + " (" + d.judgement().words() + "): " + d.reason() + "."));
            }
        }
    }

    private static String controlRiskNote(AssumedRisk r, EvidencePack pack, String outcome) {
        if (r.kind() == AssumedRisk.Kind.PATIENT) {
            return "Risk without cell therapy as entered for this patient.";
        }
        if (r.kind() == AssumedRisk.Kind.PACK_DECLARED) {
            var b = r.declared();
            String source = pack.source(b.source()).map(s -> s.shortCitation()).orElse(b.source());
            return "Assumed risk with control: " + b.valueText() + " in " + b.population() + ": “" + b.snippet() + "” (" + source + ", "
                    + b.locator() + "). Enter the patient's own risk to recompute.";
        }
        String k = r.studies().size() + (r.studies().size() == 1 ? " randomised trial" : " randomised trials");
        return "Assumed risk with control: the control arms of " + k + " recorded in this pack (" + r.events() + " of " + r.total() + " "
                + String.join(" or ", r.units()) + " with " + outcome.toLowerCase(java.util.Locale.ROOT) + ")."
                + (pack.info().recomputeFindings() ? "" : " These trials are not known to be the review's own.")
                + " Enter the patient's own risk to recompute.";
    }

    private static String interval(EvidenceReport.FindingView f) {
        if (f.ciLow() == null || f.ciHigh() == null) {
            return "95% CI not published";
        }
        return EffectText.number(f.ciLowText(), f.ciLow()) + " to " + EffectText.number(f.ciHighText(), f.ciHigh());
    }

    /** "335 more", "132 fewer", "0 more". */
    static String difference(long perThousand) {
        return perThousand < 0 ? (-perThousand) + " fewer" : perThousand + " more";
    }

    static String symbols(Certainty.Level level) {
        return switch (level) {
            case HIGH -> "⊕⊕⊕⊕";
            case MODERATE -> "⊕⊕⊕◯";
            case LOW -> "⊕⊕◯◯";
            case VERY_LOW -> "⊕◯◯◯";
        };
    }

    private static List<String> distinct(List<String> letters) {
        return List.copyOf(new LinkedHashSet<>(letters));
    }
}
