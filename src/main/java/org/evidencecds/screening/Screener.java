package org.evidencecds.screening;

import com.github.benmanes.caffeine.cache.Cache;
import org.evidencecds.cache.BoundedCaches;
import org.evidencecds.cache.CacheLimits;
import org.evidencecds.cache.CacheStats;
import org.evidencecds.cache.Sizes;
import org.evidencecds.profile.Condition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.evidencecds.profile.IntervalKeys;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileSchema;
import org.evidencecds.rules.ProfileFacts;
import org.evidencecds.rules.RuleCompilationException;
import org.evidencecds.rules.RuleBases;
import org.evidencecds.rules.RuleCompiler;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Screens candidates against trial protocols. Each trial's compiled criteria plus the hand-written verdict
 * rules form one KieBase, built once; every screening runs a fresh stateless session on it, so a Screener
 * is immutable and safe to share between threads.
 */
public final class Screener {

    /**
     * One trial ready to screen, with the rules' decisions it has already given. A decision depends only on
     * where each input lies relative to the bounds the criteria compare it with (see {@link IntervalKeys}), so
     * profiles with the same key share it. The cache is bounded by entries and estimated bytes (its share of
     * the screener's {@link CacheLimits}), so memory stays bounded however many candidates are screened.
     */
    public record Trial(TrialProtocol protocol, CriteriaCompiler.CompiledTrial compiled, String rulesVersion, KieBase base,
                        RuleBases.How rulesBuilt, IntervalKeys keys, Cache<IntervalKeys.Key, Decision> cache) {

        /** The decisions held now, as a map view (its size is the number of decisions cached). */
        public java.util.concurrent.ConcurrentMap<IntervalKeys.Key, Decision> decisions() {
            return cache.asMap();
        }
    }

    /**
     * What the rules decided: the verdict and, per criterion in protocol order, its status and the fields
     * behind it; plus, worked out once, which criteria rule the candidate out and which inputs to collect.
     */
    public record Decision(String verdict, String verdictRule, List<CriterionDecision> criteria, List<String> ruledOutBy,
                           List<String> collect) {

        /**
         * Estimated heap bytes (see {@link Sizes}): the records and their lists. Their strings are counted as
         * references only, unlike an answer's: they are status constants, the protocol's field names and the
         * rules' names, the same instances in every decision. About the length of the decision's JSON.
         */
        long weight() {
            long n = Sizes.object(5) + Sizes.list(criteria) + Sizes.list(ruledOutBy) + Sizes.list(collect);
            for (CriterionDecision c : criteria) {
                n += Sizes.object(5) + Sizes.list(c.decidedBy()) + Sizes.list(c.missing()) + Sizes.list(c.rules());
            }
            return n;
        }
    }

    /** @param excludes whether this criterion's status rules the candidate out (inclusion not met, exclusion met) */
    public record CriterionDecision(String status, boolean excludes, List<String> decidedBy, List<String> missing, List<String> rules) {
    }

    private final Map<String, Trial> trials;
    private final String verdictRules;
    private final CacheLimits limits;

    private Screener(Map<String, Trial> trials, String verdictRules, CacheLimits limits) {
        this.trials = trials;
        this.verdictRules = verdictRules;
        this.limits = limits;
    }

    /** The bounds on the decisions cached, for all trials together. */
    public CacheLimits cacheLimits() {
        return limits;
    }

    /**
     * The same trials (rule bases reused, not rebuilt) with fresh, empty caches under other bounds: for the
     * server, which reads its bounds from its configuration after the folders are loaded.
     */
    public Screener withCacheLimits(CacheLimits next) {
        return new Screener(trialsWith(trials.values().stream().map(t -> new Trial(t.protocol(), t.compiled(), t.rulesVersion(), t.base(),
                t.rulesBuilt(), t.keys(), null)).toList(), next), verdictRules, next);
    }

    /** The trials, each with its own empty cache bounded by an equal share of the limits. */
    private static Map<String, Trial> trialsWith(List<Trial> trials, CacheLimits limits) {
        CacheLimits share = limits.share(trials.size());
        Map<String, Trial> out = new LinkedHashMap<>();
        for (Trial t : trials) {
            out.put(t.protocol().id(), new Trial(t.protocol(), t.compiled(), t.rulesVersion(), t.base(), t.rulesBuilt(), t.keys(),
                    BoundedCaches.build(share, (IntervalKeys.Key k, Decision d) -> d.weight())));
        }
        return out;
    }

    /**
     * The decision caches' counters summed over all trials: hits, misses, evictions, decisions held and their
     * estimated bytes.
     */
    public CacheStats cacheStats() {
        return CacheStats.sum(trials.values().stream().map(t -> CacheStats.of(t.cache())).toList());
    }

    /** The hand-written verdict rules every trial's rules run with. */
    public String verdictRules() {
        return verdictRules;
    }

    /** Loads the protocols under {@code evidence/trials}, refusing rules that differ from the committed ones. */
    public static Screener load(Path evidenceDir, Path rulesDir, Set<String> packIds) {
        Prepared p = prepare(evidenceDir, rulesDir, packIds);
        return build(p.protocols(), p.compiled(), p.verdictRules());
    }

    /** The protocols read and compiled, checked against the committed rules, before any rule base is built. */
    public record Prepared(List<TrialProtocol> protocols, List<CriteriaCompiler.CompiledTrial> compiled, String verdictRules) {

        /** Each trial's rule files, in protocol order (what the build precompiles). */
        public List<RuleBases.RuleSet> ruleSets() {
            return Screener.ruleSets(protocols, compiled, verdictRules);
        }
    }

    /** Reads and compiles the protocols; throws {@link RuleCompilationException} when rules/generated/trials is out of date with them. */
    public static Prepared prepare(Path evidenceDir, Path rulesDir, Set<String> packIds) {
        List<TrialProtocol> protocols = ProtocolLoader.loadAll(evidenceDir, packIds);
        List<CriteriaCompiler.CompiledTrial> compiled = protocols.stream().map(CriteriaCompiler::compile).toList();
        List<String> stale = TrialRules.check(rulesDir, compiled);
        if (!stale.isEmpty()) {
            throw new RuleCompilationException(stale);
        }
        return new Prepared(protocols, compiled, TrialRules.handWritten(rulesDir));
    }

    /** Each trial's rule files, in protocol order. */
    public static List<RuleBases.RuleSet> ruleSets(List<TrialProtocol> protocols, List<CriteriaCompiler.CompiledTrial> compiled, String verdictRules) {
        List<RuleBases.RuleSet> out = new ArrayList<>();
        for (int i = 0; i < protocols.size(); i++) {
            out.add(ruleSet(compiled.get(i), verdictRules, rulesVersion(protocols.get(i), compiled.get(i), verdictRules)));
        }
        return out;
    }

    /** A trial's rules version, known before its rule base is built. */
    public static String rulesVersion(TrialProtocol p, CriteriaCompiler.CompiledTrial c, String verdictRules) {
        return p.id() + "@" + p.version() + "+rules." + RuleCompiler.sha256(c.drl() + verdictRules).substring(0, 12);
    }

    /** With the default bounds ({@link CacheLimits#SCREENING}). */
    public static Screener build(List<TrialProtocol> protocols, List<CriteriaCompiler.CompiledTrial> compiled, String verdictRules) {
        return build(protocols, compiled, verdictRules, CacheLimits.SCREENING);
    }

    /** Builds each trial's rule base through {@link RuleBases#build}: the precompiled model when the build made one for its rules. */
    public static Screener build(List<TrialProtocol> protocols, List<CriteriaCompiler.CompiledTrial> compiled, String verdictRules,
                                 CacheLimits limits) {
        return build(protocols, compiled, verdictRules, limits, RuleBases::build);
    }

    /** As {@link #build(List, List, String, CacheLimits)}, with each rule base built by {@code builder} (e.g. {@link RuleBases#compile}). */
    public static Screener build(List<TrialProtocol> protocols, List<CriteriaCompiler.CompiledTrial> compiled, String verdictRules,
                                 CacheLimits limits, java.util.function.Function<RuleBases.RuleSet, RuleBases.Built> builder) {
        List<Trial> out = new ArrayList<>();
        for (int i = 0; i < protocols.size(); i++) {
            TrialProtocol p = protocols.get(i);
            CriteriaCompiler.CompiledTrial c = compiled.get(i);
            String version = rulesVersion(p, c, verdictRules);
            Map<String, List<Double>> bounds = new java.util.TreeMap<>();
            Set<String> categories = new java.util.TreeSet<>();
            for (TrialProtocol.Criterion criterion : p.criteria()) {
                for (Condition cond : criterion.anyOf()) {
                    if (ProfileSchema.field(cond.field()).orElseThrow().isNumeric()) {
                        List<Double> set = bounds.computeIfAbsent(cond.field(), f -> new ArrayList<>());
                        java.util.stream.Stream.of(cond.min(), cond.above(), cond.max(), cond.below()).filter(java.util.Objects::nonNull).forEach(set::add);
                    } else {
                        categories.add(cond.field());
                    }
                }
            }
            RuleBases.Built built = builder.apply(ruleSet(c, verdictRules, version));
            out.add(new Trial(p, c, version, built.base(), built.how(), new IntervalKeys(bounds, categories), null));
        }
        return new Screener(trialsWith(out, limits), verdictRules, limits);
    }

    /** A trial's rule files, as the KIE file system holds them: its criteria in their package's folder, then the verdict rules. */
    public static RuleBases.RuleSet ruleSet(CriteriaCompiler.CompiledTrial c, String verdictRules, String version) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("src/main/resources/" + CriteriaCompiler.packageOf(c.trialId()).replace('.', '/') + "/" + c.fileName(), c.drl());
        files.put("src/main/resources/org/evidencecds/screening/assembly/verdict.drl", verdictRules);
        return new RuleBases.RuleSet("trial " + version, "org.evidencecds.screening", "trial", "1.0.0-" + version, files);
    }

    public List<TrialProtocol> protocols() {
        return trials.values().stream().map(Trial::protocol).toList();
    }

    public Optional<Trial> trial(String id) {
        return Optional.ofNullable(trials.get(id));
    }

    /** Screens one candidate; the trial must exist (see {@link #trial}). Reuses the decision for an equivalent profile. */
    public ScreeningResult screen(String trialId, PatientProfile profile) {
        Trial t = require(trialId);
        return result(t, decision(t, profile), profile);
    }

    /**
     * Screens one candidate against every trial, in protocol order: for a page that says which registered
     * trials the patient may fit (verdict other than {@code not-eligible}; {@link ScreeningResult#verdictText()}
     * says why, in words).
     */
    public List<ScreeningResult> screenAll(PatientProfile profile) {
        return trials.keySet().stream().map(id -> screen(id, profile)).toList();
    }

    /** The rules' decision alone (no labels), for screening many candidates quickly. */
    public Decision decide(String trialId, PatientProfile profile) {
        return decision(require(trialId), profile);
    }

    private static Decision decision(Trial t, PatientProfile profile) {
        return t.cache().get(t.keys().of(profile), key -> decide(t, profile));
    }

    /** Screens with a fresh rule session, reusing nothing (for tests and the benchmark). */
    public ScreeningResult screenAfresh(String trialId, PatientProfile profile) {
        Trial t = require(trialId);
        return result(t, decide(t, profile), profile);
    }

    /** The decision of a fresh rule session, reusing nothing (for tests). */
    public Decision decideAfresh(String trialId, PatientProfile profile) {
        return decide(require(trialId), profile);
    }

    private Trial require(String trialId) {
        return trial(trialId).orElseThrow(() -> new IllegalArgumentException("no trial protocol '" + trialId + "'"));
    }

    private static Decision decide(Trial t, PatientProfile profile) {
        ScreeningSheet sheet = new ScreeningSheet(profile);
        List<Object> facts = new ArrayList<>();
        facts.add(sheet);
        facts.addAll(ProfileFacts.of(profile, field -> true));
        StatelessKieSession session = t.base().newStatelessKieSession();
        session.execute(facts);
        TrialProtocol p = t.protocol();
        if (sheet.verdict == null) {
            throw new IllegalStateException("no verdict rule fired for trial " + p.id() + " (are rules/hand-written/screening/*.drl present?)");
        }
        List<CriterionDecision> criteria = new ArrayList<>();
        List<String> ruledOut = new ArrayList<>();
        Set<String> collect = new LinkedHashSet<>();
        for (TrialProtocol.Criterion c : p.criteria()) {
            ScreeningSheet.Entry e = sheet.entries.get(c.id());
            if (e == null) {
                throw new IllegalStateException("criterion " + c.id() + " of trial " + p.id() + " got no status: the compiled rules are incomplete");
            }
            boolean inclusion = c.kind() == TrialProtocol.Kind.INCLUSION;
            boolean excludes = inclusion ? e.status.equals("not-met") : e.status.equals("met");
            if (excludes) {
                ruledOut.add(c.id());
            }
            collect.addAll(e.missing);
            criteria.add(new CriterionDecision(e.status, excludes, List.copyOf(e.inputs.keySet()), List.copyOf(e.missing), List.copyOf(e.rules)));
        }
        return new Decision(sheet.verdict, sheet.verdictRule, List.copyOf(criteria), List.copyOf(ruledOut), List.copyOf(collect));
    }

    /** Labels a decision for one candidate: the decisive inputs carry this candidate's own values. */
    private static ScreeningResult result(Trial t, Decision d, PatientProfile profile) {
        TrialProtocol p = t.protocol();
        List<ScreeningResult.CriterionResult> criteria = new ArrayList<>();
        List<String> deciding = new ArrayList<>();
        for (int i = 0; i < p.criteria().size(); i++) {
            TrialProtocol.Criterion c = p.criteria().get(i);
            CriterionDecision e = d.criteria().get(i);
            Map<String, Object> inputs = new LinkedHashMap<>();
            for (String f : e.decidedBy()) {
                inputs.put(f, profile.value(f));
            }
            boolean inclusion = c.kind() == TrialProtocol.Kind.INCLUSION;
            String effect = e.excludes() ? "excludes" : e.status().equals("unknown") ? "needs information" : "allows";
            if (effect.equals("excludes")) {
                deciding.add(c.id() + (inclusion ? " not met" : " applies") + (inputs.isEmpty() ? "" : " (" + ScreeningText.inputs(inputs) + ")"));
            }
            TrialProtocol.Source s = p.source(c.source()).orElse(null);
            criteria.add(new ScreeningResult.CriterionResult(c.id(), c.kind().name().toLowerCase(Locale.ROOT), c.text(), c.describe(), e.status(),
                    effect, java.util.Collections.unmodifiableMap(inputs), e.missing(), c.notScreenedAlternatives(), e.rules(),
                    s == null ? null : s.url(), s == null ? null : s.locator(), c.note(), CriterionText.label(c), CriterionText.requirement(c),
                    CriterionText.status(c, e.status(), e.missing()), CriterionText.sentence(c, e.status(), e.missing(), profile)));
        }
        // the technical summary of API clients, unchanged; people read verdictText
        String summary = switch (d.verdict()) {
            case "not-eligible" -> "Not eligible: " + String.join("; ", deciding) + ".";
            case "needs-information" -> "Needs information: " + (d.collect().isEmpty() ? "" : "record " + String.join(", ", d.collect()) + "; ")
                    + criteria.stream().filter(c -> c.status().equals("unknown")).map(ScreeningResult.CriterionResult::id).count()
                    + " criterion(s) undecided.";
            default -> "Eligible on the " + criteria.size() + " screened criteria.";
        };
        if (!p.notScreened().isEmpty()) {
            summary += " " + p.notScreened().size() + " further criteria of the protocol are for the investigator to check.";
        }
        if ("example".equals(p.status())) {
            summary = "EXAMPLE PROTOCOL (not a registered trial). " + summary;
        }
        return new ScreeningResult(p.id(), p.version(), p.title(), p.registryId(), p.status(), p.verification(), t.rulesVersion(),
                d.verdict(), d.verdictRule(), summary, criteria, d.collect(), p.notScreened(), ScreeningResult.NOTICE,
                ScreeningText.verdictLabel(d.verdict()), ScreeningText.verdictText(p, d, profile), ScreeningText.investigatorText(p),
                d.collect().stream().map(org.evidencecds.profile.FieldText::label).toList());
    }
}
