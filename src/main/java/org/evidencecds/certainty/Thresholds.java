package org.evidencecds.certainty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every threshold the certainty and credibility rules use, in one place, each with its source. A pack
 * may override any of them by name ({@code certaintyThresholds:} in pack.yaml).
 *
 * @param inconsistencyI2Serious I² (%) from which inconsistency is a serious concern. BJSM criteria:
 *        "I² ≥ 50% → −1" (reference/cds-landscape.md §4.2; bjsm.bmj.com/highwire/markup/124452/expansion)
 * @param inconsistencyI2VerySerious I² (%) from which inconsistency is very serious when the prediction
 *        interval also crosses no effect. Pollock et al. 2016 (I² > 75% → −1) and the Cochrane decision
 *        matrix (I² ≥ 75% with differing directions → −2) (PMC4742519; PMC7195185)
 * @param appreciableRatioLow ratio (RR/OR) below which an effect is appreciable (a 25% relative reduction):
 *        GRADE guidelines 6 rough guide "RR < 0.75 or > 1.25"
 * @param appreciableRatioHigh ratio above which an effect is appreciable (a 25% relative increase): GRADE 6, as above
 * @param oisAlpha two-sided alpha of the optimal information size: GRADE 6 ("typical α 0.05")
 * @param oisPower power of the optimal information size: GRADE 6 ("β 0.2", power 0.8)
 * @param oisRelativeRiskReduction relative risk reduction the OIS trial is powered for; GRADE 6 speaks of a
 *        "plausible RRR" (25% is the value its worked examples use) — a project choice, changeable per pack
 * @param continuousParticipantsSerious total participants below which a continuous outcome is imprecise:
 *        Pollock et al. 2016 (N ≥ 200 no downgrade; 100–199 −1; 1–99 −2)
 * @param continuousParticipantsVerySerious total participants below which it is very serious (Pollock: 1–99 −2)
 * @param publicationBiasMinStudies fewest studies for Egger's test: Sterne et al. BMJ 2011 ("≥ 10 studies")
 * @param eggerP p below which Egger's test suggests small-study effects: Egger et al. BMJ 1997 used P < 0.1
 * @param riskOfBiasLowShare share of participants in low risk-of-bias trials needed for no concern:
 *        Pollock et al. 2016 ("≥ 75% of participants in low-RoB trials")
 * @param icemanInteractionP interaction p at or above which credibility is low whatever else holds:
 *        ICEMAN applies to suggested effect modification, p &lt; 0.1 (iceman.help tool and FAQ, verified)
 * @param icemanMinTrialsPerLevel fewest trials per subgroup level for a between-trial comparison to count
 *        as adequately informed: Cochrane Handbook 5.1 §9.6.5 ("≥ 10 studies per characteristic")
 * @param icemanMaxModifiers most effect modifiers tested before multiplicity lowers credibility; ICEMAN asks
 *        whether "a small number" were tested (paraphrase, unverified wording) — a project choice of 3
 * @param smallK fewest trials before a numeric finding carries a small-k caveat (project choice)
 * @param indirectnessConcernsVerySerious number of distinct indirectness concerns (outcome, population,
 *        intervention, another review) from which indirectness rates down twice: "−1 population or outcome
 *        differs; −2 both" (Syst Rev 2020, doi:10.1186/s13643-020-01293-x, Table 1; reference/cds-landscape.md §4.2)
 */
public record Thresholds(double inconsistencyI2Serious, double inconsistencyI2VerySerious,
                         double appreciableRatioLow, double appreciableRatioHigh, double oisAlpha, double oisPower, double oisRelativeRiskReduction,
                         double continuousParticipantsSerious, double continuousParticipantsVerySerious,
                         double publicationBiasMinStudies, double eggerP, double riskOfBiasLowShare,
                         double icemanInteractionP, double icemanMinTrialsPerLevel, double icemanMaxModifiers, double smallK,
                         double indirectnessConcernsVerySerious) {

    public static final Thresholds DEFAULTS = new Thresholds(50, 75, 0.75, 1.25, 0.05, 0.8, 0.25, 200, 100, 10, 0.1, 0.75,
            0.1, 10, 3, 5, 2);

    /** The defaults with a pack's overrides; an unknown name is refused with the list of known names. */
    public static Thresholds withOverrides(Map<String, Double> overrides) {
        Map<String, Double> values = DEFAULTS.asMap();
        List<String> unknown = new ArrayList<>();
        overrides.forEach((name, value) -> {
            if (!values.containsKey(name)) {
                unknown.add(name);
            } else {
                values.put(name, value);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((unknown.size() == 1 ? "unknown certainty threshold " : "unknown certainty thresholds ") + unknown + " (known: " + values.keySet() + ")");
        }
        return new Thresholds(values.get("inconsistencyI2Serious"), values.get("inconsistencyI2VerySerious"),
                values.get("appreciableRatioLow"), values.get("appreciableRatioHigh"), values.get("oisAlpha"), values.get("oisPower"),
                values.get("oisRelativeRiskReduction"), values.get("continuousParticipantsSerious"),
                values.get("continuousParticipantsVerySerious"), values.get("publicationBiasMinStudies"), values.get("eggerP"),
                values.get("riskOfBiasLowShare"), values.get("icemanInteractionP"), values.get("icemanMinTrialsPerLevel"),
                values.get("icemanMaxModifiers"), values.get("smallK"), values.get("indirectnessConcernsVerySerious"));
    }

    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("inconsistencyI2Serious", inconsistencyI2Serious);
        m.put("inconsistencyI2VerySerious", inconsistencyI2VerySerious);
        m.put("appreciableRatioLow", appreciableRatioLow);
        m.put("appreciableRatioHigh", appreciableRatioHigh);
        m.put("oisAlpha", oisAlpha);
        m.put("oisPower", oisPower);
        m.put("oisRelativeRiskReduction", oisRelativeRiskReduction);
        m.put("continuousParticipantsSerious", continuousParticipantsSerious);
        m.put("continuousParticipantsVerySerious", continuousParticipantsVerySerious);
        m.put("publicationBiasMinStudies", publicationBiasMinStudies);
        m.put("eggerP", eggerP);
        m.put("riskOfBiasLowShare", riskOfBiasLowShare);
        m.put("icemanInteractionP", icemanInteractionP);
        m.put("icemanMinTrialsPerLevel", icemanMinTrialsPerLevel);
        m.put("icemanMaxModifiers", icemanMaxModifiers);
        m.put("smallK", smallK);
        m.put("indirectnessConcernsVerySerious", indirectnessConcernsVerySerious);
        return m;
    }
}
