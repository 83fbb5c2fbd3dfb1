package org.evidencecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.screening.Screener;
import org.junit.jupiter.api.Test;

/**
 * The bundled evidence starts from the executable models the build precompiled (no DRL compiled); rules the
 * build did not see are compiled from DRL; a model is found only for exactly the DRL it was built from.
 * Needs the build's {@code process-classes} step (as {@code mvn test} runs it), which writes the models.
 */
class RuleBasesTest {

    private static final Path EVIDENCE = Path.of("evidence");
    private static final Path RULES = Path.of("rules");

    @Test
    void theBundledEvidenceStartsFromThePrecompiledModels() {
        KnowledgeLoader.Prepared prepared = KnowledgeLoader.prepare(EVIDENCE, RULES);
        assertThat(RuleBases.index().models()).as("precompiled-rules/index.properties on the classpath")
                .containsKey(prepared.ruleSet().key());
        assertThat(prepared.build().rulesBuilt()).isEqualTo(RuleBases.How.PRECOMPILED);
        Screener screener = Screener.load(EVIDENCE, RULES, Set.of("dfu-cell-therapy", "t2dm-msc"));
        assertThat(screener.protocols()).hasSize(2).allSatisfy(p ->
                assertThat(screener.trial(p.id()).orElseThrow().rulesBuilt()).as(p.id()).isEqualTo(RuleBases.How.PRECOMPILED));
    }

    @Test
    void rulesTheBuildDidNotSeeAreCompiledFromDrl() {
        Knowledge mini = Knowledge.build(List.of(PackLoader.load(Path.of("src/test/resources/packs/valid/mini-pack"))), RuleFiles.handWritten(RULES));
        assertThat(mini.rulesBuilt()).isEqualTo(RuleBases.How.COMPILED);
        assertThat(mini.rules()).isNotEmpty();
        // the bundled packs with one hand-written rule file changed by a comment
        KnowledgeLoader.Prepared prepared = KnowledgeLoader.prepare(EVIDENCE, RULES);
        Map<String, String> hand = new LinkedHashMap<>(prepared.handWritten());
        hand.replaceAll((name, drl) -> drl + "\n// changed\n");
        assertThat(Knowledge.build(prepared.packs(), prepared.compiled(), hand).rulesBuilt()).isEqualTo(RuleBases.How.COMPILED);
    }

    @Test
    void thePrecompiledModelsCanBeSwitchedOff() {
        KnowledgeLoader.Prepared prepared = KnowledgeLoader.prepare(EVIDENCE, RULES);
        System.setProperty(RuleBases.SWITCH, "false");
        try {
            assertThat(prepared.build().rulesBuilt()).isEqualTo(RuleBases.How.COMPILED);
        } finally {
            System.clearProperty(RuleBases.SWITCH);
        }
    }

    @Test
    void theKeyCoversEveryPathAndTextButNotTheirOrder() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("src/main/resources/a/one.drl", "rule one");
        files.put("src/main/resources/b/two.drl", "rule two");
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("src/main/resources/b/two.drl", "rule two");
        reversed.put("src/main/resources/a/one.drl", "rule one");
        String key = set(files).key();
        assertThat(key).hasSize(64).isEqualTo(set(reversed).key());
        assertThat(set(Map.of("src/main/resources/a/one.drl", "rule one", "src/main/resources/b/two.drl", "rule two!")).key()).isNotEqualTo(key);
        assertThat(set(Map.of("src/main/resources/a/one.drl", "rule one", "src/main/resources/c/two.drl", "rule two")).key()).isNotEqualTo(key);
        // a path and a text cannot trade characters
        assertThat(set(Map.of("a", "bc")).key()).isNotEqualTo(set(Map.of("ab", "c")).key());
    }

    @Test
    void theIndexProvesEachBundledModelHoldsTheDrlItIsKeyedBy() {
        KnowledgeLoader.Prepared prepared = KnowledgeLoader.prepare(EVIDENCE, RULES);
        RuleBases.Index index = RuleBases.index();
        assertThat(index.droolsVersion()).isEqualTo(RuleBases.droolsVersion()).isNotEqualTo("unknown");
        assertThat(index.usable()).isTrue();
        assertThat(index.problems(prepared.ruleSet())).isEmpty();
        Screener.prepare(EVIDENCE, RULES, prepared.packs().stream().map(p -> p.id()).collect(java.util.stream.Collectors.toSet())).ruleSets()
                .forEach(set -> assertThat(index.problems(set)).as(set.name()).isEmpty());
        Map<String, String> changed = new LinkedHashMap<>(prepared.ruleSet().files());
        changed.replaceAll((path, drl) -> drl + " ");
        RuleBases.RuleSet other = new RuleBases.RuleSet("knowledge changed", "g", "a", "1", changed);
        assertThat(index.problems(other)).singleElement().asString().contains("index.properties: no precompiled model for knowledge changed");
    }

    @Test
    void aModelIsTheCompiledRulesAndTheDrlTheyWereBuiltFrom() {
        RuleBases.RuleSet set = set(Map.of("src/main/resources/org/evidencecds/rules/test/t.drl", """
                package org.evidencecds.rules.test;
                import org.evidencecds.rules.ProfileValue;
                rule "test/high"
                    @kind("test")
                    @org.kie.api.definition.type.Label("≥ 10 cm²")
                    @label("short")
                when
                    ProfileValue( field == "x", value >= 10 )
                then
                end
                """));
        byte[] kjar = RuleBases.executableModel(set);
        assertThat(RuleBases.drlIn(kjar)).containsOnlyKeys("org/evidencecds/rules/test/t.drl");
        RuleBases.Built loaded = RuleBases.load(set, kjar);
        assertThat(loaded.how()).isEqualTo(RuleBases.How.PRECOMPILED);
        Map<String, Object> model = loaded.base().getRule("org.evidencecds.rules.test", "test/high").getMetaData();
        Map<String, Object> drl = RuleBases.compile(set).base().getRule("org.evidencecds.rules.test", "test/high").getMetaData();
        assertThat(model).containsEntry("kind", "test").containsEntry(RuleCompiler.LABEL, "≥ 10 cm²");
        assertThat(drl).containsEntry("kind", "test");
        // why the compiler writes a level's label in full: the classic engine files a plain @label under Drools's own
        // Label annotation (here overwriting the full one), the executable model keeps "label"
        assertThat(model).containsEntry("label", "short");
        assertThat(drl).doesNotContainKey("label").containsEntry(RuleCompiler.LABEL, "short");
    }

    private static RuleBases.RuleSet set(Map<String, String> files) {
        return new RuleBases.RuleSet("test", "org.evidencecds.test", "t", "1.0.0", files);
    }
}
