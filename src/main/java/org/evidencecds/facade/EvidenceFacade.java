package org.evidencecds.facade;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import com.github.benmanes.caffeine.cache.Cache;
import org.evidencecds.cache.BoundedCaches;
import org.evidencecds.cache.CacheLimits;
import org.evidencecds.cache.CacheStats;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.profile.IntervalKeys;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Evaluation;
import org.evidencecds.rules.EvaluationScope;
import org.evidencecds.rules.Knowledge;

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

    /**
     * A knowledge version with the rules' answers it has given, swapped as one: a new version starts with an
     * empty cache, so no answer of the old rules is ever served by the new. The cache holds answers for every
     * pack (keyed by {@link IntervalKeys.Key}) and for chosen packs ({@link ScopedKey}) under one bound.
     */
    private record Current(Knowledge knowledge, ProfileSignature signature, Cache<Object, Answer> answers) {
        Current(Knowledge knowledge, CacheLimits limits) {
            this(knowledge, new ProfileSignature(knowledge.packs()),
                    BoundedCaches.build(limits, (Object key, Answer a) -> a.weight()));
        }
    }

    /** An equivalence class of profiles evaluated against a chosen set of packs. */
    private record ScopedKey(Set<String> packs, IntervalKeys.Key key) {
    }

    /**
     * What the rules decided for one class of equivalent profiles, and the report built from it; weighed once
     * when built (see {@link AnswerWeight}), for the cache's byte bound.
     */
    private record Answer(Evaluation evaluation, EvidenceReport report, long weight) {
        Answer(Evaluation evaluation, EvidenceReport report) {
            this(evaluation, report, AnswerWeight.of(evaluation, report));
        }
    }

    private final AtomicReference<Current> current;
    private final CacheLimits limits;
    /** Counters of the caches replaced by swaps, so that hits, misses and evictions only ever grow. */
    private CacheStats retired = CacheStats.EMPTY;

    /** With the default bounds ({@link CacheLimits#ANSWERS}). */
    public EvidenceFacade(Knowledge knowledge) {
        this(knowledge, CacheLimits.ANSWERS);
    }

    public EvidenceFacade(Knowledge knowledge, CacheLimits limits) {
        this.limits = limits;
        this.current = new AtomicReference<>(new Current(knowledge, limits));
    }

    public CacheLimits cacheLimits() {
        return limits;
    }

    /**
     * The answer cache's counters since this facade was built: hits, misses and evictions summed over the
     * knowledge versions it has run (an in-flight evaluation on a replaced version may go uncounted); size
     * and weight (estimated bytes) of the current version's cache only.
     */
    public synchronized CacheStats cacheStats() {
        CacheStats now = CacheStats.of(current.get().answers());
        return new CacheStats(retired.hits() + now.hits(), retired.misses() + now.misses(), retired.evictions() + now.evictions(),
                now.estimatedSize(), now.weight());
    }

    public Knowledge knowledge() {
        return current.get().knowledge();
    }

    /** Installs a new knowledge version atomically; returns the one it replaced. */
    public synchronized Knowledge swap(Knowledge next) {
        Current previous = current.getAndSet(new Current(next, limits));
        CacheStats old = CacheStats.of(previous.answers());
        retired = retired.plus(new CacheStats(old.hits(), old.misses(), old.evictions(), 0, 0));
        // the old answers are dropped now rather than when the last in-flight request lets go of them
        previous.answers().invalidateAll();
        return previous.knowledge();
    }

    /**
     * Evaluates the profile against every pack that applies to the patient: a pack is left out only when a
     * recorded input falls outside its population ({@code appliesTo}); the report says which and why.
     */
    public EvidenceReport evaluate(PatientProfile profile) {
        return evaluate(profile, null);
    }

    /**
     * Evaluates the profile against the given packs (null or empty: every pack that applies). Packs asked
     * for by name are evaluated even outside their population, and the report says so.
     */
    public EvidenceReport evaluate(PatientProfile profile, Set<String> packIds) {
        Current c = current.get();
        boolean all = packIds == null || packIds.isEmpty();
        List<EvidenceReport.OutsidePopulation> outside = new ArrayList<>();
        Set<String> applicable = new java.util.LinkedHashSet<>();
        for (EvidencePack pack : c.knowledge().packs()) {
            // the same conditions as PackInfo.outsidePopulation, worded with labels and values in words
            List<String> reasons = PopulationNotes.reasons(pack.info(), profile);
            boolean asked = all || packIds.contains(pack.id());
            if (!reasons.isEmpty() && asked) {
                outside.add(new EvidenceReport.OutsidePopulation(pack.id(), pack.info().title(), reasons, !all));
            }
            if (asked && (reasons.isEmpty() || !all)) {
                applicable.add(pack.id());
            }
        }
        if (all && outside.isEmpty()) {
            return ReportBuilder.withInputs(answer(c, profile).report(), profile);
        }
        Set<String> chosen = Set.copyOf(all ? applicable : packIds);
        if (chosen.isEmpty()) {
            return ReportBuilder.withoutPacks(c.knowledge(), profile).withOutsidePopulation(outside);
        }
        // the same reuse as for every pack (see ProfileSignature), per set of packs
        ScopedKey key = new ScopedKey(chosen, c.signature().of(profile));
        Answer answer = c.answers().get(key, k -> {
            Evaluation e = run(c.knowledge(), profile, chosen);
            return new Answer(e, ReportBuilder.build(c.knowledge(), profile, e, chosen));
        });
        return ReportBuilder.withInputs(answer.report(), profile).withOutsidePopulation(outside);
    }

    /**
     * The rules' decisions for a profile (levels, statuses, findings, headlines, protocol, caveats),
     * reusing the answer the rules gave for an equivalent profile (see {@link ProfileSignature}).
     * The returned evaluation is shared and must not be changed.
     */
    public Evaluation decide(PatientProfile profile) {
        return decide(current.get(), profile);
    }

    /** Many profiles at once, all on the same knowledge version. */
    public List<Evaluation> decideAll(List<PatientProfile> profiles) {
        Current c = current.get();
        List<Evaluation> out = new ArrayList<>(profiles.size());
        for (PatientProfile p : profiles) {
            out.add(decide(c, p));
        }
        return out;
    }

    private static Evaluation decide(Current c, PatientProfile profile) {
        return answer(c, profile).evaluation();
    }

    private static Answer answer(Current c, PatientProfile profile) {
        return c.answers().get(c.signature().of(profile), key -> {
            Evaluation e = run(c.knowledge(), profile, null);
            return new Answer(e, ReportBuilder.build(c.knowledge(), profile, e, null));
        });
    }

    /** Runs the rules afresh, without reusing any answer (for tests and the benchmark). */
    public Evaluation run(PatientProfile profile) {
        return run(current.get().knowledge(), profile, null);
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
        facts.addAll(org.evidencecds.rules.ProfileFacts.of(profile, field -> usedByAnyPack(k, field)));
        k.session().execute(facts);
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
