package org.evidencecds.facade;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;
import org.evidencecds.rules.Evaluation;
import org.evidencecds.rules.EvaluationScope;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.MissingInput;
import org.evidencecds.rules.ProfileCategory;
import org.evidencecds.rules.ProfileValue;
import org.kie.api.runtime.StatelessKieSession;

/**
 * "What does the evidence say for this patient?" Every answer comes from the Drools rules of the current
 * knowledge version; this class only feeds them the profile and shapes what they collected into a report.
 *
 * <p>Thread-safe: the knowledge version is read once per evaluation from an atomic reference, so an
 * evaluation runs entirely on one version even while {@link #swap} installs another.
 */
public final class EvidenceFacade {

    public static final String NOTICE = "Decision support, not an order: this report says what published evidence shows, "
            + "for whom, and how sure it is. It does not replace clinical judgement or a treatment decision.";

    private final AtomicReference<Knowledge> knowledge;

    public EvidenceFacade(Knowledge knowledge) {
        this.knowledge = new AtomicReference<>(knowledge);
    }

    public Knowledge knowledge() {
        return knowledge.get();
    }

    /** Installs a new knowledge version atomically; returns the one it replaced. */
    public Knowledge swap(Knowledge next) {
        return knowledge.getAndSet(next);
    }

    /** Evaluates the profile against every pack. */
    public EvidenceReport evaluate(PatientProfile profile) {
        return evaluate(profile, null);
    }

    /** Evaluates the profile against the given packs (null or empty: all packs). */
    public EvidenceReport evaluate(PatientProfile profile, Set<String> packIds) {
        Knowledge k = knowledge.get();
        Evaluation evaluation = run(k, profile, packIds);
        return ReportBuilder.build(k, profile, evaluation, packIds);
    }

    /** Runs the rules only (for benchmarks and the equivalence test): the raw collected evaluation. */
    public Evaluation run(PatientProfile profile) {
        return run(knowledge.get(), profile, null);
    }

    static Evaluation run(Knowledge k, PatientProfile profile, Set<String> packIds) {
        Evaluation evaluation = new Evaluation();
        List<Object> facts = new ArrayList<>();
        facts.add(evaluation);
        for (EvidencePack pack : k.packs()) {
            if (packIds == null || packIds.isEmpty() || packIds.contains(pack.id())) {
                facts.add(new EvaluationScope(pack.id()));
            }
        }
        profile.numbers().forEach((field, value) -> facts.add(new ProfileValue(field, value)));
        profile.categories().forEach((field, value) -> facts.add(new ProfileCategory(field, value)));
        for (ProfileField field : ProfileSchema.FIELDS) {
            if (field.isNumeric() && !profile.numbers().containsKey(field.name()) && usedByAnyPack(k, field.name())) {
                facts.add(new MissingInput(field.name()));
            }
        }
        StatelessKieSession session = k.base().newStatelessKieSession();
        session.execute(facts);
        return evaluation;
    }

    private static boolean usedByAnyPack(Knowledge k, String field) {
        for (EvidencePack pack : k.packs()) {
            for (Dimension d : pack.dimensions()) {
                if (field.equals(d.profileField())) {
                    return true;
                }
            }
        }
        return false;
    }
}
