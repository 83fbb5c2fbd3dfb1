package org.evidencecds.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.evidencecds.evidence.Conflict;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Level;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.evidence.ReportedEstimate;
import org.evidencecds.evidence.Source;
import org.evidencecds.findings.Finding;
import org.evidencecds.findings.Findings;
import org.evidencecds.rules.Knowledge;
import org.kie.api.definition.rule.Rule;

/**
 * The chain behind a rule: rule, its metadata, the finding, the reported estimate (file and line) or the
 * level definition, the sources with citation and locator, recorded conflicts, and whether the evidence
 * on disk still hashes to what the rule was compiled from.
 */
public final class Provenance {

    private Provenance() {
    }

    public record Chain(String rule, Map<String, Object> metadata, String drl, List<Step> steps, boolean evidenceMatches,
                        String evidenceCheck) {

        public Chain {
            metadata = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metadata));
            steps = List.copyOf(steps);
        }
    }

    /** One link of the chain, e.g. ("reported estimate", "dfu-cell-therapy/reported_estimates.csv:2", details). */
    public record Step(String what, String where, Map<String, String> details) {

        public Step {
            details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }

    public static Optional<Chain> of(Knowledge k, String ruleName, Path evidenceDir) {
        Optional<Rule> found = k.rule(ruleName);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Rule rule = found.get();
        Map<String, Object> meta = new LinkedHashMap<>(rule.getMetaData());
        List<Step> steps = new ArrayList<>();
        String packId = (String) meta.get("pack");
        EvidencePack pack = packId == null ? null : k.pack(packId).orElse(null);
        boolean matches = true;
        String check = "hand-written rule: not compiled from evidence";
        if (pack != null) {
            String diskHash = PackLoader.contentHash(evidenceDir.resolve(pack.id()));
            if ("finding".equals(meta.get("kind"))) {
                Finding f = k.findings().get((String) meta.get("findingId"));
                steps.add(new Step("finding", f.id(), details("role", f.role().name().toLowerCase(), "origin", f.origin().name().toLowerCase().replace('_', '-'),
                        "outcome", f.outcome(), "slice", f.levelLabel() != null ? f.levelLabel() : f.levelAsReported())));
                if (f.origin() == Finding.Origin.RECOMPUTED) {
                    addRecomputed(steps, pack, f);
                } else {
                    addReported(steps, pack, f);
                }
                Finding onDisk = onDisk(evidenceDir, pack.id(), f.id());
                matches = onDisk != null && onDisk.evidenceHash().equals(meta.get("evidenceHash"));
                check = matches ? "the finding's evidence on disk still hashes to " + meta.get("evidenceHash")
                        : "CHANGED: the rule was compiled from " + meta.get("evidenceHash") + ", the evidence on disk now gives "
                        + (onDisk == null ? "no such finding" : onDisk.evidenceHash()) + " (recompile)";
            } else if ("level".equals(meta.get("kind"))) {
                addLevel(steps, pack, (String) meta.get("dimension"), (String) meta.get("level"));
                Object source = meta.get("source");
                if (source != null) {
                    addSource(steps, pack.source(source.toString()).orElseThrow());
                }
                matches = diskHash.equals(pack.contentHash());
                check = matches ? "the pack on disk still hashes to " + diskHash : "CHANGED: the pack on disk now hashes to " + diskHash;
            } else {
                if ("protocol".equals(meta.get("kind"))) {
                    addProtocol(steps, pack, (String) meta.get("protocolId"), (String) meta.get("source"));
                } else if ("harms".equals(meta.get("kind"))) {
                    addHarms(steps, pack, meta);
                }
                matches = diskHash.equals(pack.contentHash());
                check = matches ? "the pack on disk still hashes to " + diskHash : "CHANGED: the pack on disk now hashes to " + diskHash;
            }
        }
        return Optional.of(new Chain(ruleName, meta, ruleText(k.drlOf(ruleName), ruleName), steps, matches, check));
    }

    /** A stated protocol: its entry in pack.yaml (the source's words) and the source; a derived one: its source. */
    private static void addProtocol(List<Step> steps, EvidencePack pack, String protocolId, String sourceKey) {
        pack.protocols().stream().filter(p -> p.id().equals(protocolId)).findFirst().ifPresent(p -> steps.add(new Step("stated protocol",
                p.origin().toString(), details("id", p.id(), "elements", String.join(", ", p.elements()), "locator", p.locator(),
                        "snippet", p.snippet(), "status", p.status().name().toLowerCase()))));
        pack.source(sourceKey).ifPresent(s -> addSource(steps, s));
    }

    /** The harms rule: each trial statement it lists, with where it is printed. */
    private static void addHarms(List<Step> steps, EvidencePack pack, Map<String, Object> meta) {
        String rows = String.valueOf(meta.getOrDefault("trialStatements", ""));
        for (String rowId : rows.isBlank() ? new String[0] : rows.split(",")) {
            pack.studyOutcome(rowId).ifPresent(row -> steps.add(new Step("trial statement", row.origin().toString(), details("id", row.id(),
                    "study", row.study(), "timepoint", row.timepoint(), "locator", row.locator(), "snippet", row.snippet(),
                    "status", row.status().name().toLowerCase()))));
        }
    }

    private static void addReported(List<Step> steps, EvidencePack pack, Finding f) {
        ReportedEstimate e = pack.reportedEstimates().stream().filter(x -> x.id().equals(f.reportedEstimateId())).findFirst().orElseThrow();
        steps.add(new Step("reported estimate", e.origin().toString(), details("id", e.id(), "kind", e.kind().name().toLowerCase().replace('_', '-'),
                "measure", e.measure() == null ? null : e.measure().name(), "estimate", e.estimateText(), "ci",
                e.ciLowText() == null ? null : e.ciLowText() + " to " + e.ciHighText(), "p", e.pValue(),
                "direction", e.direction() == null ? null : e.direction().name().toLowerCase().replace('_', '-'), "locator", e.locator(),
                "snippet", e.snippet(), "status", e.status().name().toLowerCase())));
        addLevel(steps, pack, e.dimension(), e.level());
        for (String key : e.sources()) {
            addSource(steps, pack.source(key).orElseThrow());
        }
        for (String c : f.conflicts()) {
            addConflict(steps, pack.conflicts().stream().filter(x -> x.id().equals(c)).findFirst().orElseThrow());
        }
    }

    private static void addRecomputed(List<Step> steps, EvidencePack pack, Finding f) {
        for (org.evidencecds.evidence.StudyOutcome row : pack.studyOutcomes()) {
            if (f.locator().contains(row.id()) && f.studyIds().contains(row.study())) {
                steps.add(new Step("study row", row.origin().toString(), details("id", row.id(), "study", row.study(),
                        "outcome", row.outcomeAsReported(), "timepoint", row.timepoint(), "locator", row.locator(),
                        "snippet", row.snippet(), "status", row.status().name().toLowerCase())));
                for (String key : row.sources()) {
                    addSource(steps, pack.source(key).orElseThrow());
                }
            }
        }
    }

    private static Finding onDisk(Path evidenceDir, String packId, String findingId) {
        try {
            EvidencePack current = PackLoader.load(evidenceDir.resolve(packId));
            return Findings.of(current).stream().filter(f -> f.id().equals(findingId)).findFirst().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void addLevel(List<Step> steps, EvidencePack pack, String dimensionId, String levelId) {
        if (dimensionId == null || levelId == null) {
            return;
        }
        Dimension d = pack.dimension(dimensionId).orElseThrow();
        Level l = d.level(levelId).orElseThrow();
        steps.add(new Step("level definition", l.origin().toString(), details("dimension", d.id(), "level", l.id(), "label", l.label(),
                "interval", l.interval() == null ? null : l.interval() + " " + d.unit(), "basis", l.basis().name().toLowerCase(),
                "source", l.source(), "locator", l.locator(), "snippet", l.snippet(), "rationale", l.rationale())));
    }

    private static void addSource(List<Step> steps, Source s) {
        steps.add(new Step("source", s.key(), details("citation", s.citation(), "doi", s.doi(), "pmid", s.pmid(), "url", s.url(),
                "link", s.link(), "access", s.access() == null ? null : s.access().name().toLowerCase().replace('_', '-'), "note", s.note())));
    }

    private static void addConflict(List<Step> steps, Conflict c) {
        steps.add(new Step("conflict", c.origin().toString(), details("id", c.id(), "field", c.field(),
                "a", c.valueA() + " (" + c.sourceA() + ": " + c.locatorA() + ")", "b", c.valueB() + " (" + c.sourceB() + ": " + c.locatorB() + ")",
                "data holds", c.rowHolds().name().toLowerCase(), "note", c.note())));
    }

    private static Map<String, String> details(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    /** The rule's own text, cut from its DRL file. */
    static String ruleText(String drl, String ruleName) {
        if (drl == null) {
            return null;
        }
        int start = drl.indexOf("rule \"" + ruleName + "\"");
        if (start < 0) {
            return null;
        }
        int end = drl.indexOf("\nend", start);
        return end < 0 ? drl.substring(start) : drl.substring(start, end + 4);
    }
}
