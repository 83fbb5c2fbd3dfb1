package org.evidencecds.summary;

import java.util.List;
import java.util.Optional;
import org.evidencecds.evidence.BaselineRisk;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.StudyOutcome;
import org.evidencecds.synthesis.PooledFinding;
import org.evidencecds.synthesis.Slice;
import org.evidencecds.synthesis.Synthesis;
import org.evidencecds.synthesis.SynthesisOptions;

/**
 * The control risk an absolute effect assumes, with where it comes from: a risk the clinician entered for
 * this patient, else the baseline risk the pack declares for the outcome (a source's, for a stated
 * population), else the pooled control arms of the pack's own study rows for the outcome.
 *
 * @param risk 0 to 1
 * @param kind where it comes from
 * @param events control-arm events summed over the rows (pooled control arms only)
 * @param total control-arm totals summed over the rows (pooled control arms only)
 * @param rowIds the study rows counted (pooled control arms only)
 * @param studies the studies counted (pooled control arms only)
 * @param units the rows' units of analysis in words ("patients", "ulcers"), sorted
 */
public record AssumedRisk(double risk, Kind kind, int events, int total, List<String> rowIds, List<String> studies,
                          List<String> units, BaselineRisk declared) {

    public AssumedRisk {
        rowIds = List.copyOf(rowIds);
        studies = List.copyOf(studies);
        units = List.copyOf(units);
    }

    public enum Kind {
        /** Events over totals of the control arms of the rows the pack would pool for the outcome. */
        POOLED_CONTROL_ARMS,
        /** The pack's {@link BaselineRisk} for the outcome: a source's risk in a stated population. */
        PACK_DECLARED,
        /** Entered by the clinician as this patient's own risk without the intervention. */
        PATIENT
    }

    /** What the pack assumes for an outcome when no patient risk is entered: its declared baseline risk, else its pooled control arms. */
    public static Optional<AssumedRisk> forOutcome(EvidencePack pack, String outcomeId) {
        var declared = pack.outcome(outcomeId).map(o -> o.baselineRisk()).orElse(null);
        if (declared != null) {
            return Optional.of(new AssumedRisk(declared.risk(), Kind.PACK_DECLARED, 0, 0, List.of(), List.of(), List.of(), declared));
        }
        return pooledControlArms(pack, outcomeId);
    }

    public static AssumedRisk patient(double risk) {
        if (!(risk >= 0 && risk <= 1)) {
            throw new IllegalArgumentException("a risk must be between 0 and 1, was " + risk);
        }
        return new AssumedRisk(risk, Kind.PATIENT, 0, 0, List.of(), List.of(), List.of(), null);
    }

    /**
     * The pooled control-arm risk of a binary outcome: the rows {@link Synthesis#pool} would use for the
     * whole outcome (the pack's pooled designs, complete two-arm counts, one time point per study), their
     * control events over control totals. Empty when the outcome is not binary or no such row exists.
     */
    public static Optional<AssumedRisk> pooledControlArms(EvidencePack pack, String outcomeId) {
        var outcome = pack.outcome(outcomeId);
        if (outcome.isEmpty() || !AbsoluteEffect.applies(outcome.get().measure().name())) {
            return Optional.empty();
        }
        PooledFinding pooled = Synthesis.pool(pack, outcomeId, Slice.OVERALL, SynthesisOptions.defaults());
        int events = 0;
        int total = 0;
        java.util.SortedSet<String> units = new java.util.TreeSet<>();
        for (String rowId : pooled.rowIds()) {
            StudyOutcome row = pack.studyOutcome(rowId).orElseThrow();
            events += row.eventsC();
            total += row.totalC();
            units.add(row.unitOfAnalysis().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        if (total == 0) {
            return Optional.empty();
        }
        return Optional.of(new AssumedRisk((double) events / total, Kind.POOLED_CONTROL_ARMS, events, total, pooled.rowIds(),
                pooled.studies(), List.copyOf(units), null));
    }
}
