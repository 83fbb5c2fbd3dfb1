package org.evidencecds.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.evidencecds.certainty.Assessor;
import org.evidencecds.certainty.Credibility;
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

    private record PackFindings(EvidencePack pack, List<Finding> findings, Map<String, Assessor.Assessment> assessments) {
    }

    private final List<PackFindings> packs = new ArrayList<>();

    public ReferenceEvaluator(List<EvidencePack> evidence) {
        for (EvidencePack p : evidence) {
            List<Finding> findings = Findings.of(p);
            packs.add(new PackFindings(p, findings, new Assessor(p).assessAll(findings)));
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
            Map<String, String> firstOverall = new TreeMap<>();
            Map<String, java.util.Set<String>> overallSources = new TreeMap<>();
            Map<String, String> firstCredible = new TreeMap<>();
            Map<String, String> firstProtocol = new TreeMap<>();
            for (Finding f : pf.findings()) {
                boolean applies = f.role() != Finding.Role.PATIENT || f.level().equals(levelOf.get(f.dimension()));
                if (!applies) {
                    continue;
                }
                fired.add(f.id());
                Credibility credibility = pf.assessments().get(f.id()).credibility();
                if (f.role() == Finding.Role.PATIENT && f.isNumeric() && credibility.level().atLeast(Credibility.Level.MODERATE)) {
                    firstCredible.merge(pack.id() + "/" + f.outcome(), f.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                }
                if (f.role() == Finding.Role.OVERALL && f.isNumeric()) {
                    firstOverall.merge(pack.id() + "/" + f.outcome(), f.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                    overallSources.computeIfAbsent(pack.id() + "/" + f.outcome(), k -> new java.util.TreeSet<>()).add(f.sourceKey());
                }
                if (f.role() == Finding.Role.PROTOCOL && favours(f)) {
                    firstProtocol.merge(pack.id() + "/" + f.dimension() + "/" + f.level(), f.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                }
            }
            // several reviews with an overall estimate: no single headline
            firstOverall.forEach((outcome, id) -> headlines.put(outcome, overallSources.get(outcome).size() > 1 ? "(none: several reviews)" : id));
            headlines.putAll(firstCredible); // a credible subgroup estimate for the patient replaces the overall one
            protocol.addAll(firstProtocol.keySet());
        }
        return new Decisions(status, fired, headlines, protocol, noEvidence);
    }

    /** Independent restatement of "favours cell therapy" (not the compiler's code). */
    private static boolean favours(Finding f) {
        if (!f.isNumeric()) {
            return "favours-cell-therapy".equals(f.direction()) || "larger-benefit".equals(f.direction());
        }
        boolean ratio = "OR".equals(f.measure()) || "RR".equals(f.measure());
        double noEffect = ratio ? 1 : 0;
        double low = f.ciLow() == null ? f.estimate() : f.ciLow();
        double high = f.ciHigh() == null ? f.estimate() : f.ciHigh();
        boolean higherBetter = "higher".equals(f.benefit());
        return higherBetter ? low > noEffect : high < noEffect;
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
        e.protocol().forEach(x -> protocol.add(x.pack() + "/" + x.dimension() + "/" + x.level()));
        return new Decisions(status, fired, headlines, protocol, noEvidence);
    }
}
