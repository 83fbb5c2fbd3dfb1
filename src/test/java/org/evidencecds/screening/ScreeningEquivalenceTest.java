package org.evidencecds.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;
import org.junit.jupiter.api.Test;

/**
 * The generated screening rules and the plain-Java meaning of the protocols agree on thousands of
 * generated candidates: values on every bound, one ulp either side, anywhere in the field's range, and
 * missing; both for a fresh rule session and for a reused decision.
 */
class ScreeningEquivalenceTest {

    @Test
    void rulesAndOracleAgreeOnEveryGeneratedCandidate() {
        List<TrialProtocol> protocols = new ArrayList<>(ProtocolLoader.loadAll(Path.of("evidence"), Set.of("dfu-cell-therapy")));
        protocols.addAll(ProtocolLoader.loadAll(Path.of("src/test/resources/screening/example"), Set.of()));
        Screener screener = Screener.build(protocols, protocols.stream().map(CriteriaCompiler::compile).toList(),
                TrialRules.handWritten(Path.of("rules")));
        Map<String, Integer> verdicts = new HashMap<>();
        for (TrialProtocol p : protocols) {
            Map<String, TreeSet<Double>> bounds = new HashMap<>();
            p.criteria().forEach(c -> c.anyOf().forEach(cond -> {
                TreeSet<Double> b = bounds.computeIfAbsent(cond.field(), f -> new TreeSet<>());
                for (Double v : new Double[] {cond.min(), cond.above(), cond.max(), cond.below()}) {
                    if (v != null) {
                        b.add(v);
                    }
                }
            }));
            SplittableRandom random = new SplittableRandom(20261125L);
            for (int i = 0; i < 4000; i++) {
                PatientProfile profile = generate(random, bounds);
                ScreeningOracle.Expected expected = ScreeningOracle.evaluate(p, profile);
                assertThat(ScreeningOracle.of(screener.decideAfresh(p.id(), profile))).as(p.id() + " " + profile).isEqualTo(expected);
                assertThat(ScreeningOracle.of(screener.decide(p.id(), profile))).as("reused " + p.id() + " " + profile).isEqualTo(expected);
                verdicts.merge(p.id() + ":" + expected.verdict(), 1, Integer::sum);
            }
        }
        // the generator reaches every verdict for every protocol, so the comparison is not vacuous
        for (TrialProtocol p : protocols) {
            for (String v : List.of("eligible", "not-eligible", "needs-information")) {
                assertThat(verdicts.getOrDefault(p.id() + ":" + v, 0)).as(p.id() + " " + v).isGreaterThan(20);
            }
        }
    }

    /** Mostly values that satisfy the criteria's bounds, so that 'eligible' is reached, with edges and gaps. */
    static PatientProfile generate(SplittableRandom random, Map<String, TreeSet<Double>> bounds) {
        Map<String, Object> values = new HashMap<>();
        for (ProfileField f : ProfileSchema.FIELDS) {
            if (random.nextDouble() < 0.06) {
                continue;
            }
            if (!f.isNumeric()) {
                values.put(f.name(), random.nextDouble() < 0.7 && f.allowed().contains("type-2") ? "type-2" : f.allowed().get(random.nextInt(f.allowed().size())));
                continue;
            }
            TreeSet<Double> b = bounds.get(f.name());
            if (b != null && b.isEmpty()) {
                b = null;
            }
            double v;
            double roll = random.nextDouble();
            if (b != null && roll < 0.25) {
                double edge = new ArrayList<>(b).get(random.nextInt(b.size()));
                int side = random.nextInt(3);
                v = side == 0 ? edge : side == 1 ? Math.nextDown(edge) : Math.nextUp(edge);
            } else if (b != null && roll < 0.9 && b.size() >= 1) {
                double lo = b.first();
                double hi = b.size() > 1 ? b.last() : b.first() * 2 + 1;
                v = lo + random.nextDouble() * (hi - lo);
            } else {
                v = f.min() + random.nextDouble() * (f.max() - f.min());
            }
            if (f.wholeNumber()) {
                v = Math.rint(v);
            }
            if (v >= f.min() && v <= f.max()) {
                values.put(f.name(), v);
            }
        }
        return PatientProfile.of(org.evidencecds.bench.ProfileGenerator.consistent(values));
    }
}
