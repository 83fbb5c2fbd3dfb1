package org.evidencecds.ebm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.evidencecds.certainty.Assessor;
import org.evidencecds.certainty.Certainty;
import org.evidencecds.certainty.Credibility;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Level;
import org.evidencecds.evidence.OutcomeDefinition;
import org.evidencecds.evidence.ReportedEstimate;
import org.evidencecds.evidence.Source;
import org.evidencecds.evidence.Vocabulary;
import org.evidencecds.findings.EffectText;
import org.evidencecds.findings.Finding;
import org.evidencecds.rules.Knowledge;
import org.hl7.fhir.r5.model.Annotation;
import org.hl7.fhir.r5.model.ArtifactAssessment;
import org.hl7.fhir.r5.model.Basic;
import org.hl7.fhir.r5.model.Binary;
import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Citation;
import org.hl7.fhir.r5.model.CodeType;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.DateTimeType;
import org.hl7.fhir.r5.model.DomainResource;
import org.hl7.fhir.r5.model.Enumerations;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.EvidenceVariable;
import org.hl7.fhir.r5.model.Quantity;
import org.hl7.fhir.r5.model.Range;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.RelatedArtifact;
import org.hl7.fhir.r5.model.Resource;
import org.hl7.fhir.r5.model.StringType;

/**
 * One evidence pack as a FHIR R5 collection Bundle in the EBM-on-FHIR form: an {@code Evidence} per finding
 * (its statistic as printed, 95% CI, p, studies and participants, GRADE certainty per domain with the engine's
 * reasons), {@code EvidenceVariable}s for the pack's population, intervention, comparator, outcomes and each
 * subgroup level (a characteristic with a quantity range or a category), a {@code Citation} per source, an
 * {@code ArtifactAssessment} per subgroup credibility rating (ICEMAN). What R5 has no element for is carried in
 * this project's extensions ({@link EbmCodes}); the study-level tables as {@code Binary} text/csv. The mapping,
 * field by field, is in docs/fhir-evidence.md. The output is deterministic: same pack, same rules, same bytes.
 */
public final class EvidenceExport {

    private final Knowledge knowledge;
    private final EvidencePack pack;
    private final PackFiles files;
    private final String base;

    private EvidenceExport(Knowledge knowledge, EvidencePack pack, PackFiles files, String base) {
        this.knowledge = knowledge;
        this.pack = pack;
        this.files = files;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * The pack {@code packId} of {@code knowledge} as a Bundle. {@code evidenceDir} holds the pack's files (read
     * for the entries carried verbatim; they must be the files the pack was loaded from); {@code base} is the
     * FHIR base the resources are served under (their fullUrl is {@code base/Type/id}).
     */
    public static Bundle bundle(Knowledge knowledge, String packId, Path evidenceDir, String base) {
        EvidencePack pack = knowledge.pack(packId).orElseThrow(() -> new IllegalArgumentException("no evidence pack with id '" + packId + "'"));
        return new EvidenceExport(knowledge, pack, PackFiles.read(evidenceDir.resolve(packId), pack), base).bundle();
    }

    private Bundle bundle() {
        Bundle bundle = new Bundle();
        bundle.setId(pack.id());
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.getIdentifier().setSystem(EbmCodes.PACK_ID).setValue(pack.id());
        bundle.getMeta().setVersionId(pack.info().version());
        add(bundle, packResource());
        EbmCodes.codeSystems().forEach(cs -> add(bundle, cs));
        pack.sources().forEach(s -> add(bundle, citation(s)));
        add(bundle, packVariable("population", "Population", pack.info().population()));
        add(bundle, packVariable("intervention", "Intervention", pack.info().intervention()));
        add(bundle, packVariable("comparator", "Comparator", pack.info().comparator()));
        pack.outcomes().forEach(o -> add(bundle, outcome(o)));
        for (Dimension d : pack.dimensions()) {
            d.levels().forEach(l -> add(bundle, level(d, l)));
        }
        List<Finding> findings = findings();
        findings.forEach(f -> add(bundle, evidence(f)));
        for (Finding f : findings) {
            Credibility c = knowledge.assessment(f.id()).credibility();
            if (c != null) {
                add(bundle, credibility(f, c));
            }
        }
        files.tables().forEach((name, text) -> add(bundle, table(name, text)));
        return bundle;
    }

    /** The pack's findings in the order of the pack (reported rows, then those pooled here). */
    private List<Finding> findings() {
        return knowledge.findings().values().stream().filter(f -> f.packId().equals(pack.id())).toList();
    }

    private void add(Bundle bundle, Resource r) {
        if (r instanceof DomainResource d && !d.hasText()) {
            narrative(d);
        }
        bundle.addEntry().setFullUrl(base + "/" + r.fhirType() + "/" + r.getIdPart()).setResource(r);
    }

    /** A short human-readable narrative (FHIR's dom-6: a resource should have one): its title and description. */
    private static void narrative(DomainResource r) {
        String text;
        if (r instanceof Evidence e) {
            text = e.getTitle() + ": " + e.getDescription();
        } else if (r instanceof Citation c) {
            text = c.getSummaryFirstRep().getText();
        } else if (r instanceof EvidenceVariable v) {
            text = v.getTitle() + (v.hasDescription() ? ": " + v.getDescription() : "");
        } else if (r instanceof ArtifactAssessment a) {
            text = a.getTitle() + ": " + a.getContentFirstRep().getSummary();
        } else if (r instanceof org.hl7.fhir.r5.model.CodeSystem cs) {
            text = cs.getTitle() + ": " + cs.getDescription();
        } else {
            text = "Evidence pack " + r.getIdPart() + " (entries of the pack's files without an EBM-on-FHIR element)";
        }
        org.hl7.fhir.utilities.xhtml.XhtmlNode div = new org.hl7.fhir.utilities.xhtml.XhtmlNode(org.hl7.fhir.utilities.xhtml.NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        div.addText(text);
        r.getText().setStatus(org.hl7.fhir.r5.model.Narrative.NarrativeStatus.GENERATED).setDiv(div);
    }

    /** A resource id: pack id, a dot, the part; FHIR ids are at most 64 of [A-Za-z0-9-.]. */
    static String id(String packId, String part) {
        String id = packId + "." + part;
        if (!id.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new IllegalArgumentException("'" + id + "' cannot be a FHIR id (at most 64 letters, digits, '-' and '.')");
        }
        return id;
    }

    private Reference ref(String type, String id) {
        return new Reference(type + "/" + id);
    }

    private <R extends DomainResource> R entry(R r, String extension, JsonNode node) {
        r.addExtension(extension, new StringType(PackFiles.json(node)));
        return r;
    }

    // ---- the pack ------------------------------------------------------------------------------------------

    private Basic packResource() {
        Basic basic = new Basic();
        basic.setId(id(pack.id(), "pack"));
        basic.setCode(new CodeableConcept(new Coding(EbmCodes.BASIC_TYPE, "evidence-pack", "Evidence pack")));
        basic.addIdentifier().setSystem(EbmCodes.PACK_ID).setValue(pack.id());
        ObjectNode packLevel = files.pack().deepCopy();
        packLevel.remove(List.of("sources", "outcomes"));
        entry(basic, EbmCodes.PACK_ENTRY, packLevel);
        ObjectNode dimensionsFile = files.dimensions().deepCopy();
        dimensionsFile.remove("dimensions");
        entry(basic, EbmCodes.DIMENSIONS_FILE, dimensionsFile);
        files.estimateColumns().forEach(c -> basic.addExtension(EbmCodes.ESTIMATE_COLUMNS, new StringType(c)));
        return basic;
    }

    private Binary table(String name, String text) {
        Binary b = new Binary();
        b.setId(id(pack.id(), name.replace('_', '-')));
        b.setContentType("text/csv");
        b.setData(text.getBytes(StandardCharsets.UTF_8));
        return b;
    }

    // ---- sources -------------------------------------------------------------------------------------------

    private Citation citation(Source s) {
        Citation c = new Citation();
        c.setId(id(pack.id(), s.key()));
        c.setUrl(base + "/Citation/" + c.getIdPart());
        c.setStatus(Enumerations.PublicationStatus.ACTIVE);
        c.setTitle(s.shortCitation());
        c.addIdentifier().setSystem(EbmCodes.SOURCE_KEY).setValue(s.key());
        c.addSummary().setText(s.citation());
        Citation.CitationCitedArtifactComponent a = c.getCitedArtifact();
        if (s.doi() != null) {
            a.addIdentifier().setSystem(EbmCodes.DOI).setValue(s.doi());
        }
        if (s.pmid() != null) {
            a.addIdentifier().setSystem(EbmCodes.PMID).setValue(s.pmid());
        }
        if (s.pmcid() != null) {
            a.addIdentifier().setSystem(EbmCodes.PMCID).setValue(s.pmcid());
        }
        if (s.year() != null) {
            a.addPublicationForm().setArticleDateElement(new DateTimeType(String.valueOf(s.year())));
        }
        if (s.url() != null) {
            a.addWebLocation().setUrl(s.url());
        }
        a.addClassification().setType(new CodeableConcept(new Coding("http://hl7.org/fhir/cited-artifact-classification-type",
                        "publication-type", "Publication type")).setText("kind of source"))
                .addClassifier(new CodeableConcept().setText(org.evidencecds.evidence.Enums.token(s.kind())));
        if (s.note() != null) {
            c.addNote().setText(s.note());
        }
        return entry(c, EbmCodes.PACK_ENTRY, PackFiles.entry(files.pack().path("sources"), "key", s.key()));
    }

    // ---- variables -----------------------------------------------------------------------------------------

    private EvidenceVariable variable(String part, String title, String description) {
        EvidenceVariable v = new EvidenceVariable();
        v.setId(id(pack.id(), part));
        v.setUrl(base + "/EvidenceVariable/" + v.getIdPart());
        v.setStatus(Enumerations.PublicationStatus.ACTIVE);
        v.setTitle(title);
        if (description != null) {
            v.setDescription(description);
        }
        v.addIdentifier().setSystem(EbmCodes.VARIABLE_ID).setValue(part);
        return v;
    }

    private EvidenceVariable packVariable(String part, String title, String description) {
        return variable(part, title + ": " + pack.info().title(), description);
    }

    private EvidenceVariable outcome(OutcomeDefinition o) {
        EvidenceVariable v = variable("outcome." + o.id(), o.name(), o.phrase());
        v.setHandling(o.type() == Vocabulary.OutcomeType.BINARY ? Enumerations.EvidenceVariableHandling.DICHOTOMOUS
                : Enumerations.EvidenceVariableHandling.CONTINUOUS);
        if (o.note() != null) {
            v.addNote().setText(o.note());
        }
        return entry(v, EbmCodes.PACK_ENTRY, PackFiles.entry(files.pack().path("outcomes"), "id", o.id()));
    }

    /** A subgroup level: a characteristic of the population with its range (numeric) or its category. */
    private EvidenceVariable level(Dimension d, Level l) {
        EvidenceVariable v = variable(d.id() + "." + l.id(), d.name() + ": " + l.label(), null);
        ObjectNode dimension = PackFiles.entry(files.dimensions().path("dimensions"), "id", d.id());
        ObjectNode levelEntry = PackFiles.entry(dimension.path("levels"), "id", l.id());
        EvidenceVariable.EvidenceVariableCharacteristicComponent c = v.addCharacteristic();
        c.setDescription(d.name() + " " + l.label());
        EvidenceVariable.EvidenceVariableCharacteristicDefinitionByTypeAndValueComponent byValue = c.getDefinitionByTypeAndValue();
        byValue.setType(new CodeableConcept().setText(d.name()));
        if (d.kind() == Vocabulary.DimensionKind.NUMERIC) {
            Range range = new Range();
            if (!levelEntry.path("lower").isNull() && !levelEntry.path("lower").isMissingNode()) {
                range.setLow(quantity(plain(levelEntry.path("lower").decimalValue()), d.unit()));
            }
            if (!levelEntry.path("upper").isNull() && !levelEntry.path("upper").isMissingNode()) {
                range.setHigh(quantity(plain(levelEntry.path("upper").decimalValue()), d.unit()));
            }
            byValue.setValue(range);
            c.addNote().setText("lower bound " + (l.interval().lowerInclusive() ? "included" : "excluded")
                    + ", upper bound " + (l.interval().upperInclusive() ? "included" : "excluded"));
        } else {
            byValue.setValue(new CodeableConcept().setText(l.label()));
        }
        ObjectNode dimensionOnly = dimension.deepCopy();
        dimensionOnly.remove("levels");
        entry(v, EbmCodes.DIMENSION_ENTRY, dimensionOnly);
        return entry(v, EbmCodes.PACK_ENTRY, levelEntry);
    }

    /** A YAML number as FHIR prints decimals (no exponent: 1e7 is 10000000), the same value. */
    private static BigDecimal plain(BigDecimal value) {
        return new BigDecimal(value.toPlainString());
    }

    private static Quantity quantity(BigDecimal value, String unit) {
        Quantity q = new Quantity();
        q.setValue(value);
        if (unit != null) {
            q.setUnit(unit);
            String ucum = EbmCodes.ucum(unit);
            if (ucum != null) {
                q.setSystem(EbmCodes.UCUM).setCode(ucum);
            }
        }
        return q;
    }

    // ---- findings ------------------------------------------------------------------------------------------

    private Evidence evidence(Finding f) {
        Evidence e = new Evidence();
        e.setId(evidenceId(f));
        e.setUrl(base + "/Evidence/" + e.getIdPart());
        String hash = f.evidenceHash() == null ? null : f.evidenceHash().replace("sha256:", "");
        if (hash != null) {
            e.getMeta().setVersionId(hash.length() > 64 ? hash.substring(0, 64) : hash);
        }
        e.setVersion(pack.info().version());
        e.addIdentifier().setSystem(EbmCodes.FINDING_ID).setValue(f.id());
        e.addIdentifier().setSystem(EbmCodes.KNOWLEDGE_VERSION).setValue(knowledge.version());
        if (f.evidenceHash() != null) {
            e.addIdentifier().setSystem(EbmCodes.EVIDENCE_HASH).setValue(f.evidenceHash());
        }
        e.setStatus(Enumerations.PublicationStatus.ACTIVE);
        e.setTitle(title(f));
        ReportedEstimate row = f.reportedEstimateId() == null ? null
                : pack.reportedEstimates().stream().filter(r -> r.id().equals(f.reportedEstimateId())).findFirst().orElse(null);
        Map<String, String> cells = row == null ? null : files.estimateRows().get(row.id());
        e.setDescription(f.isNumeric() ? EffectText.effect(f) : "Direction only: " + EffectText.direction(f.direction()));
        if (f.snippet() != null) {
            Annotation quote = e.addNote().setText(f.snippet());
            quote.addExtension(EbmCodes.VERBATIM, new BooleanType(true));
        }
        if (row != null && row.note() != null) {
            e.addNote().setText(row.note());
        }
        List<String> sources = row != null ? row.sources() : List.of(f.sourceKey());
        for (String key : sources) {
            Source s = pack.source(key).orElseThrow();
            RelatedArtifact r = e.addRelatedArtifact().setType(RelatedArtifact.RelatedArtifactType.DERIVEDFROM);
            r.setLabel(f.locator()).setDisplay(s.shortCitation()).setCitation(s.citation());
            r.setResourceReference(ref("Citation", id(pack.id(), key)));
        }
        variables(e, f);
        boolean review = pack.source(f.sourceKey()).map(s -> s.kind() == Vocabulary.SourceKind.SYSTEMATIC_REVIEW).orElse(false);
        if (review || f.origin() == Finding.Origin.RECOMPUTED) {
            e.setSynthesisType(new CodeableConcept(new Coding(EbmCodes.SYNTHESIS_TYPE, "std-MA", "summary data meta-analysis")));
        }
        if (f.isNumeric()) {
            statistic(e, f, cells);
        } else if (f.direction() != null) {
            e.addExtension(EbmCodes.DIRECTION, new CodeType(f.direction()));
        }
        certainty(e, knowledge.assessment(f.id()));
        e.addExtension(EbmCodes.FINDING_ORIGIN, new CodeType(f.origin().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        if (row != null) {
            e.addExtension(EbmCodes.VERIFICATION_STATUS, new CodeType(org.evidencecds.evidence.Enums.token(row.status())));
            entry(e, EbmCodes.PACK_ENTRY, PackFiles.JSON.valueToTree(cells));
        }
        return e;
    }

    /**
     * The Evidence id of a finding: pack id, a dot, the id of its row in reported_estimates.csv; a finding pooled
     * here (no row) by its slice. The engine's finding id is kept as an identifier.
     */
    public static String evidenceId(Finding f) {
        String part = f.reportedEstimateId() != null ? f.reportedEstimateId()
                : f.id().substring(f.packId().length() + 1).replace('/', '.');
        return id(f.packId(), part);
    }

    private static String title(Finding f) {
        String outcome = f.outcomeName() == null ? "claim naming no outcome" : f.outcomeName();
        String slice = f.dimension() == null ? "all included patients"
                : f.levelLabel() != null ? f.levelLabel() : f.levelAsReported();
        return outcome + ", " + slice + (f.measure() == null ? "" : " (" + f.measure() + ")");
    }

    private void variables(Evidence e, Finding f) {
        Evidence.EvidenceVariableDefinitionComponent population = e.addVariableDefinition()
                .setVariableRole(EbmCodes.role("population", "population"));
        if (f.dimension() != null && f.level() != null) {
            population.setDescription(f.levelLabel());
            population.setObserved(ref("EvidenceVariable", id(pack.id(), f.dimension() + "." + f.level())));
        } else {
            population.setDescription(f.dimension() == null ? pack.info().population() : f.levelAsReported());
            population.setObserved(ref("EvidenceVariable", id(pack.id(), "population")));
        }
        e.addVariableDefinition().setVariableRole(EbmCodes.role("exposure", "exposure"))
                .setDescription(pack.info().intervention()).setObserved(ref("EvidenceVariable", id(pack.id(), "intervention")));
        e.addVariableDefinition().setVariableRole(EbmCodes.role("referenceExposure", "reference exposure"))
                .setDescription(pack.info().comparator()).setObserved(ref("EvidenceVariable", id(pack.id(), "comparator")));
        Evidence.EvidenceVariableDefinitionComponent measured = e.addVariableDefinition()
                .setVariableRole(EbmCodes.role("measuredVariable", "measured variable"));
        if (f.outcome() != null) {
            measured.setDescription(f.outcomeName()).setObserved(ref("EvidenceVariable", id(pack.id(), "outcome." + f.outcome())));
        } else {
            measured.setDescription("the source names no outcome");
        }
    }

    private static BigDecimal decimal(String printed, Double value) {
        return printed != null && !printed.isBlank() ? new BigDecimal(printed.trim()) : value == null ? null : BigDecimal.valueOf(value);
    }

    private static String cell(Map<String, String> cells, String column) {
        String v = cells == null ? null : cells.get(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private void statistic(Evidence e, Finding f, Map<String, String> cells) {
        Evidence.EvidenceStatisticComponent s = e.addStatistic();
        s.setStatisticType(new CodeableConcept(EbmCodes.measure(f.measure())));
        s.setDescription(EffectText.effect(f));
        Quantity q = new Quantity();
        q.setValue(decimal(f.estimateText(), f.estimate()));
        String unit = "MD".equals(f.measure()) ? f.unit() : null;
        if (unit != null) {
            q.setUnit(unit);
            String ucum = EbmCodes.ucum(unit);
            if (ucum != null) {
                q.setSystem(EbmCodes.UCUM).setCode(ucum);
            }
        }
        s.setQuantity(q);
        if (f.k() != null || f.n() != null) {
            Evidence.EvidenceStatisticSampleSizeComponent size = s.getSampleSize();
            if (f.k() != null) {
                size.setNumberOfStudies(f.k());
            }
            if (f.n() != null) {
                size.setNumberOfParticipants(f.n());
            }
        }
        if (f.ciLow() != null && f.ciHigh() != null) {
            Evidence.EvidenceStatisticAttributeEstimateComponent ci = s.addAttributeEstimate();
            ci.setType(new CodeableConcept(EbmCodes.CONFIDENCE_INTERVAL.copy())).setLevel(95);
            ci.setDescription(EffectText.interval(f));
            Range range = new Range();
            range.setLow(withUnit(decimal(f.ciLowText(), f.ciLow()), q));
            range.setHigh(withUnit(decimal(f.ciHighText(), f.ciHigh()), q));
            ci.setRange(range);
        }
        if (f.pValue() != null) {
            Evidence.EvidenceStatisticAttributeEstimateComponent p = s.addAttributeEstimate();
            p.setType(new CodeableConcept(EbmCodes.P_VALUE.copy())).setDescription("p " + f.pValue());
            Quantity pq = new Quantity();
            String printed = f.pValue().trim();
            for (String comparator : List.of("<=", ">=", "<", ">")) {
                if (printed.startsWith(comparator)) {
                    pq.setComparator(Enumerations.QuantityComparator.fromCode(comparator));
                    printed = printed.substring(comparator.length()).trim();
                    break;
                }
            }
            try {
                pq.setValue(new BigDecimal(printed));
                p.setQuantity(pq);
            } catch (NumberFormatException notANumber) {
                p.addNote().setText(f.pValue());
            }
        }
        String i2 = cell(cells, "i2");
        if (i2 != null) {
            s.addAttributeEstimate().setType(new CodeableConcept(EbmCodes.I_SQUARED.copy()))
                    .setQuantity(new Quantity().setValue(new BigDecimal(i2)).setUnit("%").setSystem(EbmCodes.UCUM).setCode("%"));
        }
        String tau2 = cell(cells, "tau2");
        if (tau2 != null) {
            s.addAttributeEstimate().setType(new CodeableConcept(EbmCodes.TAU_SQUARED.copy())).setQuantity(new Quantity().setValue(new BigDecimal(tau2)));
        }
        String model = cell(cells, "model");
        if (model != null) {
            CodeableConcept code = new CodeableConcept().setText(model);
            String lower = model.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("random")) {
                code.addCoding(new Coding(EbmCodes.STATISTIC_MODEL, "effectsRandom", "Random-effects"));
            } else if (lower.contains("fixed") || lower.contains("common")) {
                code.addCoding(new Coding(EbmCodes.STATISTIC_MODEL, "effectsFixed", "Fixed-effects"));
            }
            s.addModelCharacteristic().setCode(code);
        }
    }

    private static Quantity withUnit(BigDecimal value, Quantity like) {
        Quantity q = new Quantity();
        q.setValue(value);
        if (like.hasUnit()) {
            q.setUnit(like.getUnit());
        }
        if (like.hasSystem()) {
            q.setSystem(like.getSystem()).setCode(like.getCode());
        }
        return q;
    }

    // ---- certainty and credibility -------------------------------------------------------------------------

    /** The certainty-type displays of the R5 code system, for the engine's domain codes (the same codes). */
    private static final Map<String, String> DOMAIN_DISPLAYS = Map.of("RiskOfBias", "Risk of bias", "Inconsistency", "Inconsistency",
            "Indirectness", "Indirectness", "Imprecision", "Imprecision", "PublicationBias", "Publication bias");

    private static final String RATER = "evidence-cds (GRADE domains judged by the engine's rules)";

    private static void certainty(Evidence e, Assessor.Assessment assessment) {
        Certainty c = assessment.certainty();
        Evidence.EvidenceCertaintyComponent overall = e.addCertainty();
        overall.setType(new CodeableConcept(new Coding(EbmCodes.CERTAINTY_TYPE, "Overall", "Overall certainty")));
        overall.setDescription(c.summary()).setRater(RATER);
        if (c.rated() && c.level() != null) {
            overall.setRating(new CodeableConcept(rating(c.level())));
        } else {
            overall.addNote().setText("Not rated: " + c.notRatedBecause()
                    + (c.upperBound() == null ? "" : "; at most " + c.upperBound().words() + " certainty"));
        }
        if (c.start() != null && c.start().reason() != null) {
            overall.addNote().setText("Start: " + (c.start().level() == null ? "unknown" : c.start().level().words()) + " (" + c.start().reason() + ")");
        }
        for (Certainty.Domain d : c.domains()) {
            Evidence.EvidenceCertaintyComponent sub = overall.addSubcomponent();
            sub.setType(new CodeableConcept(new Coding(EbmCodes.CERTAINTY_TYPE, d.code(), DOMAIN_DISPLAYS.getOrDefault(d.code(), d.name()))));
            Coding judgement = judgement(d.judgement());
            if (judgement != null) {
                sub.setRating(new CodeableConcept(judgement));
            }
            sub.setDescription(d.judgement().words());
            if (d.reason() != null) {
                sub.addNote().setText(d.reason());
            }
        }
    }

    private static Coding rating(Certainty.Level level) {
        return switch (level) {
            case HIGH -> new Coding(EbmCodes.CERTAINTY_RATING, "high", "High quality");
            case MODERATE -> new Coding(EbmCodes.CERTAINTY_RATING, "moderate", "Moderate quality");
            case LOW -> new Coding(EbmCodes.CERTAINTY_RATING, "low", "Low quality");
            case VERY_LOW -> new Coding(EbmCodes.CERTAINTY_RATING, "very-low", "Very low quality");
        };
    }

    private static Coding judgement(Certainty.Judgement j) {
        return switch (j) {
            case NO_CONCERN -> new Coding(EbmCodes.CERTAINTY_RATING, "no-concern", "no serious concern");
            case SERIOUS -> new Coding(EbmCodes.CERTAINTY_RATING, "serious-concern", "serious concern");
            case VERY_SERIOUS -> new Coding(EbmCodes.CERTAINTY_RATING, "very-serious-concern", "very serious concern");
            case NOT_ASSESSABLE -> null;
        };
    }

    private ArtifactAssessment credibility(Finding f, Credibility c) {
        ArtifactAssessment a = new ArtifactAssessment();
        a.setId(evidenceId(f) + ".credibility");
        a.setTitle("Subgroup credibility (ICEMAN) of " + title(f));
        a.setArtifact(ref("Evidence", evidenceId(f)));
        a.setWorkflowStatus(ArtifactAssessment.ArtifactAssessmentWorkflowStatus.PUBLISHED);
        ArtifactAssessment.ArtifactAssessmentContentComponent rating = a.addContent();
        rating.setInformationType(ArtifactAssessment.ArtifactAssessmentInformationType.RATING);
        rating.setType(new CodeableConcept().setText("ICEMAN credibility of the effect modification"));
        String level = c.level().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        rating.addClassifier(new CodeableConcept(new Coding(EbmCodes.ICEMAN_CREDIBILITY, level, capitalise(c.level().words()))));
        rating.setSummary(c.summary());
        for (Credibility.Item item : c.items()) {
            ArtifactAssessment.ArtifactAssessmentContentComponent component = rating.addComponent();
            component.setInformationType(ArtifactAssessment.ArtifactAssessmentInformationType.RATING);
            component.setType(new CodeableConcept().setText(item.question()));
            component.addClassifier(new CodeableConcept(new Coding(EbmCodes.ICEMAN_RESPONSE,
                    item.response().name().toLowerCase(java.util.Locale.ROOT), capitalise(item.response().words()))));
            component.setSummary(item.reason());
        }
        return a;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
