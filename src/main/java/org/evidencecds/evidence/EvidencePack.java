package org.evidencecds.evidence;

import java.util.List;
import java.util.Optional;
import org.evidencecds.evidence.Vocabulary.OutcomeType;

/** A loaded, validated evidence pack. Immutable; look-ups by id. */
public record EvidencePack(PackInfo info, List<Source> sources, List<OutcomeDefinition> outcomes,
                           List<Dimension> dimensions, List<Study> studies, List<StudyOutcome> studyOutcomes,
                           List<ReportedEstimate> reportedEstimates, List<Conflict> conflicts, String contentHash,
                           List<StatedProtocol> protocols, List<Incompatibility> incompatibilities) {

    public EvidencePack {
        sources = List.copyOf(sources);
        outcomes = List.copyOf(outcomes);
        dimensions = List.copyOf(dimensions);
        studies = List.copyOf(studies);
        studyOutcomes = List.copyOf(studyOutcomes);
        reportedEstimates = List.copyOf(reportedEstimates);
        conflicts = List.copyOf(conflicts);
        protocols = protocols == null ? List.of() : List.copyOf(protocols);
        incompatibilities = incompatibilities == null ? List.of() : List.copyOf(incompatibilities);
    }

    public String id() {
        return info.id();
    }

    public Optional<Source> source(String key) {
        return sources.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    public Optional<OutcomeDefinition> outcome(String outcomeId) {
        return outcomes.stream().filter(o -> o.id().equals(outcomeId)).findFirst();
    }

    public Optional<Dimension> dimension(String dimensionId) {
        return dimensions.stream().filter(d -> d.id().equals(dimensionId)).findFirst();
    }

    public Optional<Study> study(String studyId) {
        return studies.stream().filter(s -> s.id().equals(studyId)).findFirst();
    }

    public Optional<StudyOutcome> studyOutcome(String rowId) {
        return studyOutcomes.stream().filter(o -> o.id().equals(rowId)).findFirst();
    }

    public List<StudyOutcome> outcomesOf(String studyId) {
        return studyOutcomes.stream().filter(o -> o.study().equals(studyId)).toList();
    }

    /** Every row recorded for an outcome, complete or not. */
    public List<StudyOutcome> rowsFor(String outcomeId) {
        return studyOutcomes.stream().filter(o -> o.outcome().equals(outcomeId)).toList();
    }

    /** The poolable rows of an outcome (see {@link StudyOutcome#isComplete}). */
    public List<StudyOutcome> completeRows(String outcomeId) {
        OutcomeType type = outcome(outcomeId).map(OutcomeDefinition::type).orElseThrow(
                () -> new IllegalArgumentException("unknown outcome " + outcomeId));
        return rowsFor(outcomeId).stream().filter(r -> r.isComplete(type)).toList();
    }

    /** Conflicts recorded about a subject, e.g. {@code study:Lu2011_BMMSC}. */
    public List<Conflict> conflictsAbout(String subject) {
        return conflicts.stream().filter(c -> c.subject().equals(subject)).toList();
    }
}
