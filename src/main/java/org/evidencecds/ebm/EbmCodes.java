package org.evidencecds.ebm;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Enumerations;

/**
 * The code systems, codes and extension URLs of the EBM-on-FHIR (FHIR R5) form of an evidence pack, in one
 * place. Systems and codes are those of the R5 core and terminology.hl7.org packages the HAPI validator ships
 * (statistic-type, attribute-estimate-type, variable-role, synthesis-type on terminology.hl7.org; certainty-type
 * and certainty-rating on hl7.org/fhir); displays as those packages print them. What has no home in R5 is
 * carried in this project's extensions ({@link #EXTENSION}) and code systems ({@link #codeSystems()}),
 * documented in docs/fhir-evidence.md.
 */
public final class EbmCodes {

    private EbmCodes() {
    }

    /** This project's canonical base for its extensions and code systems. */
    public static final String CANONICAL = "https://evidence-cds.org/fhir";
    public static final String EXTENSION = CANONICAL + "/StructureDefinition/";

    /** The pack entry a resource was made from (JSON: a YAML mapping or a CSV row, as the pack has it). */
    public static final String PACK_ENTRY = EXTENSION + "pack-entry";
    /** On a level's EvidenceVariable: its dimension's entry in dimensions.yaml without the levels (JSON). */
    public static final String DIMENSION_ENTRY = EXTENSION + "dimension-entry";
    /** On the pack's Basic: dimensions.yaml without its dimensions (incompatible levels), JSON. */
    public static final String DIMENSIONS_FILE = EXTENSION + "dimensions-file";
    /** On the pack's Basic: the columns of reported_estimates.csv, in order (one valueString each). */
    public static final String ESTIMATE_COLUMNS = EXTENSION + "reported-estimates-column";
    /** On an Evidence: reported (published estimate), direction-only (published words), recomputed (pooled here). */
    public static final String FINDING_ORIGIN = EXTENSION + "finding-origin";
    /** On an Evidence: the verification status of the row (verified, extracted, secondary, conflict). */
    public static final String VERIFICATION_STATUS = EXTENSION + "verification-status";
    /** On an Evidence without a statistic: the direction the source states (favours-cell-therapy, ...). */
    public static final String DIRECTION = EXTENSION + "direction";
    /** On an Annotation: true when its text is the source's words, verbatim. */
    public static final String VERBATIM = EXTENSION + "verbatim-quotation";
    /** On a Binary: the pack file it holds, by name (studies.csv, ...). */
    public static final String PACK_FILE = EXTENSION + "pack-file";

    /** Identifier systems. */
    public static final String PACK_ID = CANONICAL + "/pack";
    public static final String FINDING_ID = CANONICAL + "/finding";
    public static final String SOURCE_KEY = CANONICAL + "/source";
    public static final String VARIABLE_ID = CANONICAL + "/variable";
    public static final String KNOWLEDGE_VERSION = CANONICAL + "/knowledge-version";
    public static final String EVIDENCE_HASH = CANONICAL + "/evidence-hash";

    public static final String DOI = "https://doi.org";
    public static final String PMID = "https://pubmed.ncbi.nlm.nih.gov";
    public static final String PMCID = "https://www.ncbi.nlm.nih.gov/pmc/";

    public static final String STATISTIC_TYPE = "http://terminology.hl7.org/CodeSystem/statistic-type";
    public static final String ATTRIBUTE_ESTIMATE_TYPE = "http://terminology.hl7.org/CodeSystem/attribute-estimate-type";
    public static final String VARIABLE_ROLE = "http://terminology.hl7.org/CodeSystem/variable-role";
    public static final String SYNTHESIS_TYPE = "http://terminology.hl7.org/CodeSystem/synthesis-type";
    public static final String CERTAINTY_TYPE = "http://hl7.org/fhir/certainty-type";
    public static final String CERTAINTY_RATING = "http://hl7.org/fhir/certainty-rating";
    public static final String STATISTIC_MODEL = "http://hl7.org/fhir/statistic-model-code";
    public static final String UCUM = "http://unitsofmeasure.org";

    /** This project's code systems (in every exported Bundle, so a reader and a validator can resolve them). */
    public static final String ICEMAN_CREDIBILITY = CANONICAL + "/CodeSystem/iceman-credibility";
    public static final String ICEMAN_RESPONSE = CANONICAL + "/CodeSystem/iceman-response";
    public static final String PACK_LEVEL = CANONICAL + "/CodeSystem/pack-level";
    public static final String BASIC_TYPE = CANONICAL + "/CodeSystem/resource-kind";

    /** The pack's measures as R5 statistic types (code, display as the terminology package prints it). */
    static final Map<String, Coding> MEASURES = Map.of(
            "OR", new Coding(STATISTIC_TYPE, "C16932", "Odds Ratio"),
            "RR", new Coding(STATISTIC_TYPE, "C93152", "Relative Risk"),
            "MD", new Coding(STATISTIC_TYPE, "0000457", "Mean Difference"),
            "SMD", new Coding(STATISTIC_TYPE, "0000100", "Standardized Mean Difference"));

    static final Coding CONFIDENCE_INTERVAL = new Coding(ATTRIBUTE_ESTIMATE_TYPE, "C53324", "Confidence interval");
    static final Coding P_VALUE = new Coding(ATTRIBUTE_ESTIMATE_TYPE, "C44185", "P-value");
    static final Coding I_SQUARED = new Coding(ATTRIBUTE_ESTIMATE_TYPE, "0000420", "I-squared");
    static final Coding TAU_SQUARED = new Coding(ATTRIBUTE_ESTIMATE_TYPE, "0000421", "Tau squared");

    static CodeableConcept role(String code, String display) {
        return new CodeableConcept(new Coding(VARIABLE_ROLE, code, display));
    }

    static Coding measure(String measure) {
        Coding c = MEASURES.get(measure);
        if (c == null) {
            throw new IllegalArgumentException("no R5 statistic type for the measure '" + measure + "'");
        }
        return c.copy();
    }

    /** The pack's measure for an R5 statistic type code, or null. */
    static String measureOf(String code) {
        for (Map.Entry<String, Coding> e : MEASURES.entrySet()) {
            if (e.getValue().getCode().equals(code)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** UCUM for the units the packs use; null: no UCUM code is claimed (the unit is kept as text). */
    static String ucum(String unit) {
        if (unit == null) {
            return null;
        }
        return switch (unit) {
            case "cm2" -> "cm2";
            case "days" -> "d";
            case "weeks" -> "wk";
            case "months" -> "mo";
            case "years" -> "a";
            case "mmHg", "mmhg" -> "mm[Hg]";
            case "percent", "%" -> "%";
            case "kg" -> "kg";
            case "nmol/L", "nmol_l" -> "nmol/L";
            case "mmol/L", "mmol_l" -> "mmol/L";
            case "mg/dL", "mg_dl" -> "mg/dL";
            case "units/day" -> "[iU]/d";
            case "index", "ratio" -> "1";
            default -> null;
        };
    }

    /** The code systems this project defines, as R5 CodeSystem resources. */
    public static List<CodeSystem> codeSystems() {
        return List.of(
                codeSystem("iceman-credibility", ICEMAN_CREDIBILITY, "ICEMAN subgroup credibility",
                        "Credibility of an effect-modification (subgroup) claim, rated after ICEMAN for meta-analyses.",
                        List.of(new String[] {"very-low", "Very low"}, new String[] {"low", "Low"},
                                new String[] {"moderate", "Moderate"}, new String[] {"high", "High"})),
                codeSystem("iceman-response", ICEMAN_RESPONSE, "ICEMAN item response",
                        "How an ICEMAN item bears on credibility (legend of the ICEMAN instrument).",
                        List.of(new String[] {"supports", "Supports credibility"},
                                new String[] {"unclear", "Unclear (probably reduces credibility)"},
                                new String[] {"reduces", "Reduces credibility"})),
                codeSystem("resource-kind", BASIC_TYPE, "Evidence-pack resource kinds",
                        "What a Basic resource of an evidence-pack export holds.",
                        List.<String[]>of(new String[] {"evidence-pack", "Evidence pack"})));
    }

    private static CodeSystem codeSystem(String id, String url, String title, String description, List<String[]> concepts) {
        CodeSystem cs = new CodeSystem();
        cs.setId(id);
        cs.setUrl(url);
        cs.setName(Character.toUpperCase(id.charAt(0)) + id.substring(1).replace("-", ""));
        cs.setTitle(title);
        cs.setDescription(description);
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setContent(Enumerations.CodeSystemContentMode.COMPLETE);
        cs.setCaseSensitive(true);
        for (String[] c : concepts) {
            cs.addConcept().setCode(c[0]).setDisplay(c[1]);
        }
        return cs;
    }
}
