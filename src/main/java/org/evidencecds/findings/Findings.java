package org.evidencecds.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Level;
import org.evidencecds.evidence.OutcomeDefinition;
import org.evidencecds.evidence.ReportedEstimate;
import org.evidencecds.evidence.Source;
import org.evidencecds.evidence.Vocabulary.EstimateKind;

/**
 * Turns a pack's reported estimates into findings. Marginal subgroup estimates are never combined into a
 * joint estimate: each finding is exactly one published result or claim.
 */
public final class Findings {

    private Findings() {
    }

    public static List<Finding> of(EvidencePack pack) {
        Map<String, Integer> perSlice = new HashMap<>();
        for (ReportedEstimate e : pack.reportedEstimates()) {
            perSlice.merge(baseId(pack, e), 1, Integer::sum);
        }
        List<Finding> out = new ArrayList<>();
        for (ReportedEstimate e : pack.reportedEstimates()) {
            String base = baseId(pack, e);
            String id = perSlice.get(base) > 1 ? base + "/" + e.id() : base;
            OutcomeDefinition outcome = e.outcome() == null ? null : pack.outcome(e.outcome()).orElseThrow();
            Dimension dimension = e.dimension() == null ? null : pack.dimension(e.dimension()).orElseThrow();
            Level level = dimension == null || e.level() == null ? null : dimension.level(e.level()).orElseThrow();
            Finding.Role role = dimension == null ? Finding.Role.OVERALL
                    : level == null ? Finding.Role.UNPLACED
                    : dimension.profileField() != null ? Finding.Role.PATIENT : Finding.Role.PROTOCOL;
            String sourceKey = e.sources().get(0);
            Source source = pack.source(sourceKey).orElseThrow();
            List<String> conflicts = new ArrayList<>();
            pack.conflictsAbout("estimate:" + e.id()).forEach(c -> conflicts.add(c.id()));
            if (level != null) {
                pack.conflictsAbout("level:" + dimension.id() + "/" + level.id()).forEach(c -> conflicts.add(c.id()));
            }
            out.add(new Finding(id, pack.id(), pack.info().version(), e.outcome(), outcome == null ? null : outcome.name(),
                    e.measure() == null ? null : e.measure().name(), role, e.dimension(), e.level(),
                    level == null ? null : level.label(), e.levelAsReported(),
                    e.kind() == EstimateKind.NUMERIC ? Finding.Origin.REPORTED : Finding.Origin.DIRECTION_ONLY,
                    e.estimate(), e.ciLow(), e.ciHigh(), e.pValue(), e.k(), e.n(), e.i2(),
                    e.direction() == null ? null : token(e.direction()), outcome == null ? null : token(outcome.benefit()),
                    sourceKey, source.citation(), source.doi(), e.locator(), e.snippet(), e.id(), List.of(), conflicts,
                    hash(e, level, source)));
        }
        return out;
    }

    private static String baseId(EvidencePack pack, ReportedEstimate e) {
        String outcome = e.outcome() == null ? "any-outcome" : e.outcome();
        if (e.dimension() == null) {
            return pack.id() + "/" + outcome + "/overall";
        }
        String level = e.level() != null ? e.level() : "as-reported-" + slug(e.levelAsReported());
        return pack.id() + "/" + outcome + "/" + e.dimension() + "/" + level;
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String token(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Hash of the evidence the finding rests on, so that an auditor can tell when it changed on disk. */
    private static String hash(ReportedEstimate e, Level level, Source source) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(e.toString().replace(e.origin().toString(), "").getBytes(StandardCharsets.UTF_8));
            digest.update(String.valueOf(level == null ? null : level.toString().replace(level.origin().toString(), ""))
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(source.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
