package org.evidencecds.synthesis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Level;
import org.evidencecds.evidence.OutcomeDefinition;
import org.evidencecds.evidence.Study;
import org.evidencecds.evidence.StudyOutcome;
import org.evidencecds.evidence.Vocabulary.DimensionKind;
import org.evidencecds.evidence.Vocabulary.EffectMeasure;
import org.evidencecds.evidence.Vocabulary.OutcomeType;
import org.evidencecds.meta.BinaryStudy;
import org.evidencecds.meta.ContinuousStudy;
import org.evidencecds.meta.EffectSize;
import org.evidencecds.meta.EffectSizes;
import org.evidencecds.meta.LeaveOneOut;
import org.evidencecds.meta.Measure;
import org.evidencecds.meta.MetaAnalysis;
import org.evidencecds.meta.MetaResult;
import org.evidencecds.meta.SubgroupResult;
import org.evidencecds.meta.Subgroups;

/**
 * Pools a pack's study rows: which rows go in (complete, of a design the review pooled, in the slice, one
 * per comparison) and why the others stay out, then the meta-analysis engine. Pure functions of the pack.
 */
public final class Synthesis {

    private Synthesis() {
    }

    public static Measure measureOf(EffectMeasure measure) {
        return Measure.valueOf(measure.name());
    }

    /** Pools one outcome in one slice with the outcome's own measure. */
    public static PooledFinding pool(EvidencePack pack, String outcomeId, Slice slice, SynthesisOptions options) {
        OutcomeDefinition outcome = pack.outcome(outcomeId).orElseThrow(() -> new IllegalArgumentException("unknown outcome " + outcomeId));
        return pool(pack, outcomeId, slice, measureOf(outcome.measure()), options);
    }

    /** Pools one outcome in one slice with the given measure (OR or RR for binary, MD or SMD for continuous). */
    public static PooledFinding pool(EvidencePack pack, String outcomeId, Slice slice, Measure measure, SynthesisOptions options) {
        return pool(select(pack, outcomeId, slice), slice, measure, options);
    }

    private static PooledFinding pool(Selection selection, Slice slice, Measure measure, SynthesisOptions options) {
        OutcomeDefinition outcome = selection.outcome;
        String outcomeId = outcome.id();
        List<String> warnings = new ArrayList<>(selection.warnings);
        if (measure.isBinary() != (outcome.type() == OutcomeType.BINARY)) {
            throw new IllegalArgumentException(measure + " cannot pool the " + outcome.type().name().toLowerCase() + " outcome " + outcomeId);
        }
        MetaResult result = null;
        int participants = 0;
        if (!selection.rows.isEmpty()) {
            try {
                if (outcome.type() == OutcomeType.BINARY) {
                    List<BinaryStudy> studies = binary(selection.rows);
                    for (BinaryStudy s : studies) {
                        participants += s.totalT() + s.totalC();
                    }
                    result = MetaAnalysis.binary(studies, measure, options.meta());
                } else {
                    List<ContinuousStudy> studies = continuous(selection.rows);
                    for (ContinuousStudy s : studies) {
                        participants += s.nT() + s.nC();
                    }
                    result = MetaAnalysis.continuous(studies, measure, options.meta());
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                warnings.add("cannot be pooled: " + e.getMessage());
                result = null;
            }
        }
        return new PooledFinding(outcomeId, slice, measure, selection.rows.stream().map(StudyOutcome::study).toList(),
                selection.rows.stream().map(StudyOutcome::id).toList(), participants, result, selection.exclusions, warnings);
    }

    /** Every outcome, overall and per level of every dimension that studies can be assigned to, with tests. */
    public static PackSynthesis recompute(EvidencePack pack, SynthesisOptions options) {
        List<OutcomeSynthesis> outcomes = new ArrayList<>();
        for (OutcomeDefinition outcome : pack.outcomes()) {
            Measure measure = measureOf(outcome.measure());
            Selection all = select(pack, outcome.id(), Slice.OVERALL);
            PooledFinding overall = pool(all, Slice.OVERALL, measure, options);
            List<LeaveOneOut.Omitted> leaveOneOut = overall.isPooled() && overall.k() >= 2
                    ? leaveOneOut(all.rows, outcome, measure, options) : List.of();
            List<SubgroupSynthesis> subgroups = new ArrayList<>();
            for (Dimension d : pack.dimensions()) {
                if (d.studyColumn() == null) {
                    continue;
                }
                List<PooledFinding> levels = new ArrayList<>();
                List<StudyOutcome> rows = new ArrayList<>();
                List<String> groups = new ArrayList<>();
                for (Level level : d.levels()) {
                    Slice slice = new Slice(d.id(), level.id());
                    Selection selection = select(pack, outcome.id(), slice);
                    levels.add(pool(selection, slice, measure, options));
                    for (StudyOutcome row : selection.rows) {
                        rows.add(row);
                        groups.add(level.id());
                    }
                }
                subgroups.add(new SubgroupSynthesis(d.id(), levels, subgroupTest(rows, groups, outcome, measure, options)));
            }
            outcomes.add(new OutcomeSynthesis(outcome.id(), overall, leaveOneOut, subgroups));
        }
        return new PackSynthesis(pack.id(), pack.info().version(), outcomes);
    }

    private static List<LeaveOneOut.Omitted> leaveOneOut(List<StudyOutcome> rows, OutcomeDefinition outcome,
                                                        Measure measure, SynthesisOptions options) {
        try {
            if (outcome.type() == OutcomeType.BINARY) {
                return LeaveOneOut.binary(binary(rows), measure, options.meta());
            }
            return LeaveOneOut.fit(EffectSizes.continuous(continuous(rows), measure), measure, options.meta());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return List.of();
        }
    }

    /** The test for subgroup differences across the levels with pooled rows (needs two levels). */
    private static SubgroupResult subgroupTest(List<StudyOutcome> rows, List<String> groups, OutcomeDefinition outcome,
                                               Measure measure, SynthesisOptions options) {
        if (new LinkedHashSet<>(groups).size() < 2) {
            return null;
        }
        try {
            if (outcome.type() == OutcomeType.BINARY) {
                return Subgroups.binary(binary(rows), groups, measure, options.meta());
            }
            List<EffectSize> effects = new ArrayList<>();
            List<ContinuousStudy> studies = continuous(rows);
            for (int i = 0; i < studies.size(); i++) {
                effects.add(EffectSizes.continuous(studies.get(i), measure).withGroup(groups.get(i)));
            }
            return Subgroups.fit(effects, measure, options.meta());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    private record Selection(OutcomeDefinition outcome, List<StudyOutcome> rows, List<Exclusion> exclusions, List<String> warnings) {
    }

    private static Selection select(EvidencePack pack, String outcomeId, Slice slice) {
        OutcomeDefinition outcome = pack.outcome(outcomeId).orElseThrow(() -> new IllegalArgumentException("unknown outcome " + outcomeId));
        Dimension dimension = null;
        Level level = null;
        List<String> warnings = new ArrayList<>();
        if (!slice.isOverall()) {
            dimension = pack.dimension(slice.dimension()).orElseThrow(() -> new IllegalArgumentException("unknown dimension " + slice.dimension()));
            String levelId = slice.level();
            level = dimension.level(levelId).orElseThrow(() -> new IllegalArgumentException("unknown level " + slice));
            if (dimension.studyColumn() == null) {
                warnings.add("studies cannot be assigned to levels of " + dimension.id() + ": the pack records no study value for it");
                return new Selection(outcome, List.of(), List.of(), warnings);
            }
        }
        List<StudyOutcome> used = new ArrayList<>();
        List<Exclusion> exclusions = new ArrayList<>();
        Map<String, String> usedByStudy = new LinkedHashMap<>();
        for (StudyOutcome row : pack.rowsFor(outcomeId)) {
            Study study = pack.study(row.study()).orElseThrow();
            if (!pack.info().poolDesigns().contains(study.design())) {
                exclusions.add(new Exclusion(row.id(), study.id(), "design " + org.evidencecds.evidence.Enums.token(study.design())
                        + ": the review pooled " + String.join(", ", pack.info().poolDesigns().stream().map(org.evidencecds.evidence.Enums::token).toList()) + " only"));
                continue;
            }
            String incomplete = row.incompleteness(outcome.type());
            if (incomplete != null) {
                exclusions.add(new Exclusion(row.id(), study.id(), incomplete));
                continue;
            }
            if (dimension != null) {
                String reason = outsideSlice(study, dimension, level);
                if (reason != null) {
                    exclusions.add(new Exclusion(row.id(), study.id(), reason));
                    continue;
                }
            }
            if (usedByStudy.containsKey(study.id())) {
                exclusions.add(new Exclusion(row.id(), study.id(), "another time point of the same comparison is pooled (row "
                        + usedByStudy.get(study.id()) + ")"));
                continue;
            }
            usedByStudy.put(study.id(), row.id());
            used.add(row);
        }
        Set<Object> units = new LinkedHashSet<>();
        used.forEach(r -> units.add(r.unitOfAnalysis()));
        if (units.size() > 1) {
            warnings.add("pooled rows mix units of analysis: " + units.stream().map(u -> org.evidencecds.evidence.Enums.token((Enum<?>) u)).toList());
        }
        Set<String> definitions = new LinkedHashSet<>();
        used.forEach(r -> definitions.add(r.outcomeAsReported() == null ? "(not stated)" : r.outcomeAsReported()));
        if (definitions.size() > 1) {
            warnings.add("pooled rows report the outcome differently: " + String.join(", ", definitions));
        }
        Map<String, Integer> perTrial = new LinkedHashMap<>();
        used.forEach(r -> perTrial.merge(pack.study(r.study()).orElseThrow().trial(), 1, Integer::sum));
        perTrial.forEach((trial, n) -> {
            if (n > 1) {
                warnings.add("trial " + trial + " contributes " + n + " comparisons that share one control arm (its control is counted " + n + " times)");
            }
        });
        return new Selection(outcome, used, exclusions, warnings);
    }

    /** Null when the study belongs to the level; otherwise why not. */
    private static String outsideSlice(Study study, Dimension dimension, Level level) {
        String value = study.cell(dimension.studyColumn());
        if (value == null) {
            return dimension.studyColumn() + " not recorded, so the study cannot be placed in " + dimension.id() + "/" + level.id();
        }
        if (dimension.kind() == DimensionKind.CATEGORICAL) {
            return value.equals(level.id()) ? null : dimension.studyColumn() + " is " + value + ", not " + level.id();
        }
        double x = Double.parseDouble(value);
        return level.interval().contains(x) ? null
                : dimension.studyColumn() + " " + value + " is outside " + level.id() + " " + level.interval();
    }

    /** One complete row's effect size (log scale for ratio measures), as pooled. */
    public static EffectSize effectSize(StudyOutcome r, Measure measure) {
        return r.eventsT() != null
                ? EffectSizes.binary(new BinaryStudy(r.study(), r.eventsT(), r.totalT(), r.eventsC(), r.totalC()), measure)
                : EffectSizes.continuous(new ContinuousStudy(r.study(), r.meanT(), r.sdT(), r.nT(), r.meanC(), r.sdC(), r.nC()), measure);
    }

    private static List<BinaryStudy> binary(List<StudyOutcome> rows) {
        return rows.stream().map(r -> new BinaryStudy(r.study(), r.eventsT(), r.totalT(), r.eventsC(), r.totalC())).toList();
    }

    private static List<ContinuousStudy> continuous(List<StudyOutcome> rows) {
        return rows.stream().map(r -> new ContinuousStudy(r.study(), r.meanT(), r.sdT(), r.nT(), r.meanC(), r.sdC(), r.nC())).toList();
    }
}
