package org.evidencecds.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.evidencecds.ClinicalText;
import org.evidencecds.certainty.Certainty;
import org.evidencecds.certainty.Credibility;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.KnowledgeLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every text of the report a person reads (statements, summaries, reasons, caveats, labels, slices,
 * headline reasons, the protocol summary, population notes, dimension statuses) is in a clinician's
 * words: labels and units, never field names or codes; superscript exponents; no "(s)"; whole numbers
 * without ".0". Machine fields (ids, codes, statuses) are not read here and stay as they are. Quotes of
 * the sources (snippets, trials' own words, citations, locators) are the sources' text and are not checked.
 */
class ClinicalLanguageTest {

    static EvidenceFacade facade;

    @BeforeAll
    static void load() {
        facade = new EvidenceFacade(KnowledgeLoader.load(Path.of("evidence"), Path.of("rules")));
    }

    /** The profiles of the brief: the example patient, the same with type 2 diabetes and HbA1c, and the T2DM pack asked for. */
    static Stream<Arguments> profiles() {
        Map<String, Object> example = new LinkedHashMap<>(Map.of("ulcerAreaCm2", 12, "diabetesDurationYears", 6, "ulcerDurationDays", 250));
        Map<String, Object> typeTwo = new LinkedHashMap<>(example);
        typeTwo.putAll(Map.of("diabetesType", "type-2", "hba1cPercent", 8.1, "abi", 0.9, "wagnerGrade", 2, "ageYears", 60));
        Map<String, Object> other = new LinkedHashMap<>(example);
        other.put("diabetesType", "other");
        return Stream.of(Arguments.of("example patient", example, null), Arguments.of("type 2 with HbA1c", typeTwo, null),
                Arguments.of("T2DM pack asked for", example, "t2dm-msc"), Arguments.of("other diabetes type", other, "t2dm-msc"),
                Arguments.of("nothing recorded", Map.of(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void everyTextAPersonReadsIsInClinicalLanguage(String name, Map<String, Object> values, String pack) {
        EvidenceReport r = facade.evaluate(PatientProfile.of(values), pack == null ? null : Set.of(pack));
        List<String> texts = texts(r);
        assertThat(texts).isNotEmpty();
        List<String> offences = texts.stream().flatMap(t -> ClinicalText.offences(t).stream()).distinct().toList();
        assertThat(offences).as(name).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void theTextReportIsInClinicalLanguage(String name, Map<String, Object> values, String pack) {
        String text = TextReport.render(facade.evaluate(PatientProfile.of(values), pack == null ? null : Set.of(pack)));
        List<String> offences = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("Rules fired") || line.startsWith("  ") && line.strip().matches("[a-z0-9-]+/\\S+( \\(\\d+ times\\))?")) {
                continue; // rule ids, for the auditor (provenance RULE_ID)
            }
            String shown = line.replaceAll("\\(evidence: [^)]*\\)", "")   // finding ids, for the auditor
                    .replaceAll("the source says: \".*\"", "")             // the source's own words
                    .replaceAll("\"[^\"]*\"", "\"\"")                      // any other quote of a source
                    .replaceAll("https://doi.org/\\S+", "")
                    .replaceAll("\\(knowledge [^)]*\\)", "");
            offences.addAll(ClinicalText.offences(shown));
        }
        assertThat(offences).as(name).isEmpty();
    }

    @Test
    void theMeasuredDefectsAreGone() {
        EvidenceReport example = facade.evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 12, "diabetesDurationYears", 6, "ulcerDurationDays", 250)));
        // the population note in words (was "diabetesType is not recorded; ... diabetesType is type-2")
        assertThat(example.outsidePopulation()).singleElement().satisfies(o -> assertThat(o.reasons())
                .containsExactly("Diabetes type is not recorded; this evidence is for patients with type 2 diabetes"));
        EvidenceReport.PackReport dfu = example.packs().get(0);
        // exponents as superscripts (the evidence keeps "1×10^7" as the source printed it)
        assertThat(dfu.protocols().get(0).elements()).filteredOn(e -> e.dimension().equals("dose-band")).singleElement()
                .satisfies(e -> {
                    assertThat(e.label()).isEqualTo("1×10⁷ to 1.2×10⁹ cells (medium-to-high)");
                    assertThat(e.range()).isEqualTo("1×10⁷ to 1.2×10⁹ cells");
                });
        assertThat(dfu.outcomes().stream().flatMap(o -> o.findings().stream()).map(EvidenceReport.FindingView::slice))
                .contains("1×10⁷ to 1.2×10⁹ cells (medium-to-high)").noneMatch(s -> s.contains("^"));
        // dimension statuses in words beside their codes
        assertThat(dfu.dimensions()).filteredOn(d -> d.dimension().equals("ulcer-area")).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("in-level");
            assertThat(d.statusText()).isEqualTo("≥ 10 cm²");
            assertThat(d.inputText()).isEqualTo("12 cm²");
            assertThat(d.fieldLabel()).isEqualTo("Ulcer area");
        });
        EvidenceReport abi = facade.evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 12, "abi", 0.9, "ageYears", 60)));
        assertThat(abi.packs().get(0).inputsWithoutEvidence()).extracting(EvidenceReport.InputWithoutEvidence::inputText)
                .contains("0.9", "60 years");
        assertThat(abi.packs().get(0).dimensions()).filteredOn(d -> d.dimension().equals("diabetes-duration")).singleElement()
                .satisfies(d -> assertThat(d.statusText()).isEqualTo("not recorded: record diabetes duration to see the evidence for this subgroup"));
    }

    @Test
    void eachCaveatIsSaidOncePerPackWithAStableCodeAndEveryRuleThatRaisedIt() {
        for (EvidenceReport.PackReport p : facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-2", "footUlcer", "yes",
                "ulcerAreaCm2", 12))).packs()) {
            List<String> texts = p.caveats().stream().map(EvidenceReport.Caveat::text).toList();
            assertThat(texts).as(p.pack()).doesNotHaveDuplicates();
            assertThat(p.caveats()).as(p.pack()).allSatisfy(c -> {
                assertThat(c.code()).matches("[a-z]+(-[a-z]+)*");
                assertThat(c.rules()).isNotEmpty().doesNotHaveDuplicates();
            });
        }
    }

    /** The texts of a report a person reads; ids, codes, statuses and quotes of sources are left out. */
    static List<String> texts(EvidenceReport r) {
        List<String> out = new ArrayList<>();
        out.add(r.notice());
        r.outsidePopulation().forEach(o -> out.addAll(o.reasons()));
        for (EvidenceReport.PackReport p : r.packs()) {
            out.add(p.title());
            out.add(p.protocolSummary());
            for (EvidenceReport.DimensionResult d : p.dimensions()) {
                out.addAll(List.of(d.name(), d.fieldLabel(), d.statusText()));
                add(out, d.levelLabel(), d.inputText());
            }
            for (EvidenceReport.InputWithoutEvidence w : p.inputsWithoutEvidence()) {
                out.addAll(List.of(w.label(), w.statusText()));
                add(out, w.inputText());
            }
            for (EvidenceReport.ProtocolView pr : p.protocols()) {
                out.add(pr.statement());
                out.add(pr.credibility());
                out.addAll(pr.reasons());
                for (EvidenceReport.ProtocolElement e : pr.elements()) {
                    out.addAll(List.of(e.name(), e.label(), e.credibility(), e.why()));
                    add(out, e.range());
                }
            }
            for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
                out.add(o.name());
                add(out, o.headlineWhy());
                o.findings().forEach(f -> finding(out, f));
            }
            if (p.harms() != null) {
                out.add(p.harms().statement());
                p.harms().claims().forEach(f -> finding(out, f));
            }
            p.caveats().forEach(c -> out.add(c.text()));
        }
        return out;
    }

    private static void finding(List<String> out, EvidenceReport.FindingView f) {
        out.add(f.slice());
        out.add(f.effect());
        add(out, f.unit());
        Certainty c = f.certainty();
        add(out, c.summary(), c.statement(), c.notRatedBecause());
        Credibility cr = f.credibility();
        if (cr != null) {
            out.add(cr.summary());
            cr.items().forEach(i -> add(out, i.question(), i.reason()));
        }
    }

    private static void add(List<String> out, String... texts) {
        for (String t : texts) {
            if (t != null) {
                out.add(t);
            }
        }
    }
}
