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
import org.evidencecds.meta.MetaResult;
import org.evidencecds.synthesis.PooledFinding;
import org.evidencecds.synthesis.Slice;
import org.evidencecds.synthesis.Synthesis;
import org.evidencecds.synthesis.SynthesisOptions;

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
            Finding.Role role = Finding.roleOf(dimension, level);
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
                    e.estimate(), e.ciLow(), e.ciHigh(), e.estimateText(), e.ciLowText(), e.ciHighText(),
                    outcome == null ? null : outcome.unit(), e.pValue(), e.k(), e.n(), e.i2(),
                    e.direction() == null ? null : org.evidencecds.evidence.Enums.token(e.direction()), outcome == null ? null : benefitOfTheNumber(outcome, e),
                    e.signReversed(), sourceKey, source.citation(), source.shortCitation(), source.doi(), e.locator(), e.snippet(),
                    e.id(), List.of(), conflicts, role == Finding.Role.OVERALL || role == Finding.Role.TIMEPOINT ? null : e.comparison(),
                    e.pooledLevels(), hash(e, level, source)));
        }
        if (pack.info().recomputeFindings()) {
            out.addAll(recomputed(pack, perSlice.keySet()));
        }
        return out;
    }

    /** Findings pooled from the pack's study rows, for outcome slices no review published a number for. */
    private static List<Finding> recomputed(EvidencePack pack, java.util.Set<String> publishedSlices) {
        List<Finding> out = new ArrayList<>();
        SynthesisOptions options = SynthesisOptions.defaults();
        Source review = pack.source(pack.info().review()).orElseThrow();
        for (OutcomeDefinition outcome : pack.outcomes()) {
            List<Slice> slices = new ArrayList<>();
            slices.add(Slice.OVERALL);
            for (Dimension d : pack.dimensions()) {
                if (d.studyColumn() != null) {
                    d.levels().forEach(l -> slices.add(new Slice(d.id(), l.id())));
                }
            }
            for (Slice slice : slices) {
                String id = pack.id() + "/" + outcome.id() + "/" + (slice.isOverall() ? "overall" : slice.dimension() + "/" + slice.level());
                if (publishedSlices.contains(id)) {
                    continue;
                }
                PooledFinding pooled = Synthesis.pool(pack, outcome.id(), slice, options);
                if (!pooled.isPooled()) {
                    continue;
                }
                MetaResult r = pooled.result();
                boolean ratio = r.measure().isRatio();
                Dimension d = slice.isOverall() ? null : pack.dimension(slice.dimension()).orElseThrow();
                Level level = d == null ? null : d.level(slice.level()).orElseThrow();
                Finding.Role role = Finding.roleOf(d, level);
                double estimate = ratio ? r.ratio() : r.estimate();
                double ciLow = ratio ? r.ratioCiLow() : r.ciLow();
                double ciHigh = ratio ? r.ratioCiHigh() : r.ciHigh();
                String measure = r.measure().name();
                out.add(new Finding(id + "/recomputed", pack.id(), pack.info().version(), outcome.id(), outcome.name(),
                        measure, role, slice.dimension(), slice.level(), level == null ? null : level.label(), null,
                        Finding.Origin.RECOMPUTED, estimate, ciLow, ciHigh, EffectText.recomputed(estimate, measure, outcome.unit()),
                        EffectText.recomputed(ciLow, measure, outcome.unit()), EffectText.recomputed(ciHigh, measure, outcome.unit()),
                        outcome.unit(), EffectText.pValue(r.pValue()), pooled.k(),
                        pooled.participants(), Double.isNaN(r.i2()) ? null : r.i2(), null, org.evidencecds.evidence.Enums.token(outcome.benefit()), false, review.key(),
                        review.citation(), review.shortCitation(), review.doi(),
                        "recomputed here (" + r.method() + ") from study rows " + String.join(", ", pooled.rowIds()),
                        null, null, pooled.studies(), List.of(), slice.isOverall() || role == Finding.Role.TIMEPOINT ? null : "between-trial",
                        List.of(), hashOf(pack, pooled)));
            }
        }
        return out;
    }

    private static String hashOf(EvidencePack pack, PooledFinding pooled) {
        StringBuilder rows = new StringBuilder();
        for (String rowId : pooled.rowIds()) {
            pack.studyOutcome(rowId).ifPresent(o -> rows.append(o.toString().replace(o.origin().toString(), "")));
        }
        return "sha256:" + sha256(rows.toString()).substring(0, 16);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /**
     * Which direction of the printed number favours cell therapy: the outcome's, or the opposite when the
     * source reports with the reversed sign (the number itself is never changed).
     */
    private static String benefitOfTheNumber(OutcomeDefinition outcome, ReportedEstimate e) {
        String b = org.evidencecds.evidence.Enums.token(outcome.benefit());
        return e.signReversed() ? ("higher".equals(b) ? "lower" : "higher") : b;
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
