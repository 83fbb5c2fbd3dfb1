package org.evidencecds.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.evidencecds.certainty.Assessor;
import org.evidencecds.certainty.Credibility;
import org.evidencecds.certainty.Protocols;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Level;
import org.evidencecds.findings.Finding;
import org.evidencecds.findings.Findings;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Evaluation;

/**
 * A plain-Java evaluator of the same findings, written independently of the rules. It is NOT used to
 * answer anyone: it exists as the oracle of the equivalence test and the baseline of the benchmark.
 */
public final class ReferenceEvaluator {

    /** The decisions an evaluation makes, in a form both engines can be compared on. */
    public record Decisions(Map<String, String> dimensionStatus, TreeSet<String> findings, Map<String, String> headlines,
                            TreeSet<String> protocol, TreeSet<String> noEvidence) {
    }

    private record PackFindings(EvidencePack pack, List<Finding> findings, Map<String, Assessor.Assessment> assessments,
                                List<String> protocolIds) {
    }

    private final List<PackFindings> packs = new ArrayList<>();

    public ReferenceEvaluator(List<EvidencePack> evidence) {
        for (EvidencePack p : evidence) {
            List<Finding> findings = Findings.of(p);
            Map<String, Assessor.Assessment> assessments = new Assessor(p).assessAll(findings);
            packs.add(new PackFindings(p, findings, assessments,
                    Protocols.of(p, findings, assessments).stream().map(Protocols.Protocol::id).toList()));
        }
    }

    public Decisions evaluate(PatientProfile profile) {
        Map<String, String> status = new TreeMap<>();
        TreeSet<String> fired = new TreeSet<>();
        Map<String, String> headlines = new TreeMap<>();
        TreeSet<String> protocol = new TreeSet<>();
        TreeSet<String> noEvidence = new TreeSet<>();
        for (PackFindings pf : packs) {
            EvidencePack pack = pf.pack();
            Map<String, String> levelOf = new TreeMap<>();
            TreeSet<String> usedFields = new TreeSet<>();
            for (Dimension d : pack.dimensions()) {
                if (d.profileField() == null) {
                    continue;
                }
                usedFields.add(d.profileField());
                String key = pack.id() + "/" + d.id();
                if (d.kind() == org.evidencecds.evidence.Vocabulary.DimensionKind.CATEGORICAL) {
                    String c = profile.categories().get(d.profileField());
                    boolean isLevel = c != null && d.level(c).isPresent();
                    status.put(key, c == null ? "input-missing" : isLevel ? "in-level:" + c : "outside-studied-range");
                    if (isLevel) {
                        levelOf.put(d.id(), c);
                    }
                    continue;
                }
                Double v = profile.number(d.profileField());
                if (v == null) {
                    status.put(key, "input-missing");
                    continue;
                }
                String found = null;
                for (Level l : d.levels()) {
                    if (l.interval().contains(v)) {
                        found = l.id();
                    }
                }
                status.put(key, found == null ? "outside-studied-range" : "in-level:" + found);
                if (found != null) {
                    levelOf.put(d.id(), found);
                }
            }
            // the population's fields put the patient in it: not inputs without evidence
            pack.info().appliesTo().forEach(c -> usedFields.add(c.field()));
            for (String field : profile.numbers().keySet()) {
                if (!usedFields.contains(field)) {
                    noEvidence.add(pack.id() + "/" + field);
                }
            }
            for (String field : profile.categories().keySet()) {
                if (!usedFields.contains(field)) {
                    noEvidence.add(pack.id() + "/" + field);
                }
            }
            Map<String, String> firstCredible = new TreeMap<>();
            Map<String, List<Finding>> candidates = new TreeMap<>();
            for (Finding f : pf.findings()) {
                boolean applies = f.role() != Finding.Role.PATIENT || f.level().equals(levelOf.get(f.dimension()));
                if (!applies) {
                    continue;
                }
                fired.add(f.id());
                Credibility credibility = pf.assessments().get(f.id()).credibility();
                if (f.role() == Finding.Role.PATIENT && f.isNumeric() && f.isEffectModification()
                        && credibility.level().atLeast(Credibility.Level.MODERATE)) {
                    firstCredible.merge(pack.id() + "/" + f.outcome(), f.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                }
                if (f.isNumeric() && f.outcome() != null && (f.role() == Finding.Role.OVERALL || f.role() == Finding.Role.TIMEPOINT)) {
                    candidates.computeIfAbsent(pack.id() + "/" + f.outcome(), k -> new ArrayList<>()).add(f);
                }
            }
            candidates.forEach((outcome, list) -> headlines.put(outcome, headline(pack, list, levelOf)));
            headlines.putAll(firstCredible); // a credible subgroup estimate for the patient replaces the others
            pf.protocolIds().forEach(id -> protocol.add(pack.id() + "/" + id));
        }
        return new Decisions(status, fired, headlines, protocol, noEvidence);
    }

    /**
     * The headline among whole-pool estimates, restated independently of the assembly rules: estimates
     * restricted to the patient's own population first; then sign as the outcome's convention, overall
     * before time points, the longest follow-up; several reviews at the top: none.
     */
    private static String headline(EvidencePack pack, List<Finding> list, Map<String, String> levelOf) {
        List<Finding> own = list.stream().filter(f -> ownPopulation(pack, f, levelOf)).toList();
        List<Finding> pool = own.isEmpty() ? list : own;
        java.util.Comparator<Finding> better = java.util.Comparator.comparingInt((Finding f) -> rank(pack, f)).thenComparing(Finding::id);
        Finding best = pool.stream().min(better).orElseThrow();
        boolean several = own.isEmpty()
                ? pool.stream().anyMatch(f -> !f.sourceKey().equals(best.sourceKey()) && f.signReversed() == best.signReversed())
                : pool.stream().anyMatch(f -> !f.sourceKey().equals(best.sourceKey()));
        return several ? "(none: several reviews)" : best.id();
    }

    private static boolean ownPopulation(EvidencePack pack, Finding f, Map<String, String> levelOf) {
        Map<String, List<String>> byDimension = new TreeMap<>();
        f.pooledLevels().forEach(pl -> byDimension.computeIfAbsent(pl.substring(0, pl.indexOf('/')), k -> new ArrayList<>())
                .add(pl.substring(pl.indexOf('/') + 1)));
        for (Map.Entry<String, List<String>> e : byDimension.entrySet()) {
            boolean patientDimension = pack.dimension(e.getKey()).map(d -> d.profileField() != null).orElse(false);
            if (patientDimension && e.getValue().size() == 1) {
                return e.getValue().get(0).equals(levelOf.get(e.getKey()));
            }
        }
        return false;
    }

    private static int rank(EvidencePack pack, Finding f) {
        int r = f.signReversed() ? 1000 : 0;
        if (f.role() == Finding.Role.TIMEPOINT) {
            List<Level> levels = pack.dimension(f.dimension()).orElseThrow().levels();
            int position = 0;
            for (int i = 0; i < levels.size(); i++) {
                if (levels.get(i).id().equals(f.level())) {
                    position = i;
                }
            }
            r += 100 + levels.size() - 1 - position;
        }
        return r;
    }

    /** The same decisions, read from what the rules collected (for comparing the two engines). */
    public static Decisions fromRules(Evaluation e) {
        Map<String, String> status = new TreeMap<>();
        TreeSet<String> fired = new TreeSet<>();
        Map<String, String> headlines = new TreeMap<>();
        TreeSet<String> protocol = new TreeSet<>();
        TreeSet<String> noEvidence = new TreeSet<>();
        e.levels().forEach(m -> status.put(m.pack() + "/" + m.dimension(), "in-level:" + m.level()));
        e.statuses().forEach(s -> {
            if (s.dimension() == null) {
                noEvidence.add(s.pack() + "/" + s.field());
            } else {
                status.put(s.pack() + "/" + s.dimension(), s.status());
            }
        });
        e.firedRules().forEach(f -> {
            Object id = f.metadata().get("findingId");
            if (id != null) {
                fired.add(id.toString());
            }
        });
        e.headlines().forEach(h -> headlines.put(h.pack() + "/" + h.outcome(), h.findingId() == null ? "(none: several reviews)" : h.findingId()));
        e.protocols().forEach(x -> protocol.add(x.pack() + "/" + x.protocolId()));
        return new Decisions(status, fired, headlines, protocol, noEvidence);
    }
}
