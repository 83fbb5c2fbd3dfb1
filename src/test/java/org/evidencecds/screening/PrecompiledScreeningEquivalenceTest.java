package org.evidencecds.screening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.evidencecds.cache.CacheLimits;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.RuleBases;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Each bundled trial's rules loaded from the executable model the build precompiled and the same DRL compiled by
 * the classic engine screen alike: the same rules with the same metadata, and the same decisions and results
 * (verdict, per-criterion status, deciding rules, sentences) for generated candidates.
 */
class PrecompiledScreeningEquivalenceTest {

    @Test
    void bothTrialsScreenAlikeFromTheModelAndFromDrl() throws Exception {
        Screener.Prepared prepared = Screener.prepare(Path.of("evidence"), Path.of("rules"), Set.of("dfu-cell-therapy", "t2dm-msc"));
        Screener model = Screener.build(prepared.protocols(), prepared.compiled(), prepared.verdictRules());
        Screener drl = Screener.build(prepared.protocols(), prepared.compiled(), prepared.verdictRules(), CacheLimits.SCREENING, RuleBases::compile);
        ObjectMapper json = new ObjectMapper();
        assertThat(prepared.protocols()).hasSize(2);
        for (TrialProtocol p : prepared.protocols()) {
            Screener.Trial a = model.trial(p.id()).orElseThrow();
            Screener.Trial b = drl.trial(p.id()).orElseThrow();
            assertThat(a.rulesBuilt()).isEqualTo(RuleBases.How.PRECOMPILED);
            assertThat(b.rulesBuilt()).isEqualTo(RuleBases.How.COMPILED);
            assertThat(a.rulesVersion()).isEqualTo(b.rulesVersion());
            Map<String, Map<String, Object>> metadata = metadata(a.base());
            assertThat(metadata).as(p.id()).hasSizeGreaterThan(p.criteria().size() * 3).isEqualTo(metadata(b.base()));

            Map<String, TreeSet<Double>> bounds = new HashMap<>();
            p.criteria().forEach(c -> c.anyOf().forEach(cond -> {
                TreeSet<Double> set = bounds.computeIfAbsent(cond.field(), f -> new TreeSet<>());
                for (Double v : new Double[] {cond.min(), cond.above(), cond.max(), cond.below()}) {
                    if (v != null) {
                        set.add(v);
                    }
                }
            }));
            SplittableRandom random = new SplittableRandom(20261129L);
            Map<String, Integer> verdicts = new HashMap<>();
            for (int i = 0; i < 1500; i++) {
                PatientProfile profile = ScreeningEquivalenceTest.generate(random, bounds);
                Screener.Decision d = model.decideAfresh(p.id(), profile);
                assertThat(d).as(p.id() + " " + profile).isEqualTo(drl.decideAfresh(p.id(), profile));
                assertThat(json.writeValueAsString(model.screenAfresh(p.id(), profile))).as(p.id() + " " + profile)
                        .isEqualTo(json.writeValueAsString(drl.screenAfresh(p.id(), profile)));
                verdicts.merge(d.verdict(), 1, Integer::sum);
            }
            assertThat(verdicts.keySet()).as(p.id() + " reaches every verdict").containsExactlyInAnyOrder("eligible", "not-eligible", "needs-information");
        }
    }

    private static Map<String, Map<String, Object>> metadata(KieBase base) {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule r : pkg.getRules()) {
                out.put(pkg.getName() + "/" + r.getName(), r.getMetaData());
            }
        }
        return out;
    }
}
