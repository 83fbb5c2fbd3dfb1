package org.evidencecds.ebm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.evidence.CsvFile;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.hl7.fhir.r5.model.Annotation;
import org.hl7.fhir.r5.model.Basic;
import org.hl7.fhir.r5.model.Binary;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Citation;
import org.hl7.fhir.r5.model.DomainResource;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.EvidenceVariable;
import org.hl7.fhir.r5.model.Extension;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Quantity;
import org.hl7.fhir.r5.model.Range;
import org.hl7.fhir.r5.model.RelatedArtifact;
import org.hl7.fhir.r5.model.Resource;

/**
 * Writes a new evidence pack from an EBM-on-FHIR (R5) Bundle: {@code pack.yaml} (sources from the Citations,
 * outcomes and the population, intervention and comparator from the EvidenceVariables), {@code dimensions.yaml}
 * (levels from the population EvidenceVariables' characteristics) and {@code reported_estimates.csv} (one row per
 * Evidence: statistic type, value and 95% CI as printed, p, studies and participants, source, locator, verbatim
 * snippet). Every field R5 has an element for is read from that element; the pack-only fields (the outcome's
 * direction of benefit, a level's basis, verification statuses, ...) from this project's extensions when the
 * Bundle has them. Nothing is made up: a Bundle from another system without them is refused by the pack loader,
 * which names every missing field by file, line and column. The study-level
 * tables come from the Bundle's text/csv Binaries, or are written empty (header only).
 * <p>
 * The pack is written to a temporary folder, loaded with the pack loader (every check it makes), and only then
 * moved into place: a Bundle the loader refuses leaves nothing behind, and an existing pack is never overwritten.
 */
public final class EvidenceImport {

    /** The columns of reported_estimates.csv when the Bundle does not list them (evidence/FORMAT.md). */
    static final List<String> ESTIMATE_COLUMNS = List.of("id", "outcome", "dimension", "level", "level_as_reported", "kind", "measure",
            "estimate", "ci_low", "ci_high", "p_value", "k", "n", "i2", "tau2", "model", "direction", "source", "locator", "snippet", "status", "note");

    /** Header-only study tables for a Bundle without them (evidence/FORMAT.md). */
    static final Map<String, String> EMPTY_TABLES = Map.of(
            PackLoader.STUDIES_FILE, "id,trial,first_author,year,country,design,design_as_reported,cell_type,cell_type_as_reported,cell_origin,"
                    + "dose_cells_low,dose_cells_high,dose_unit,dose_as_reported,route,route_as_reported,control,n_t,n_c,followup_weeks,"
                    + "population,risk_of_bias,source,locator,status,note\n",
            PackLoader.OUTCOMES_FILE, "id,study,outcome,outcome_as_reported,timepoint,unit_of_analysis,contrast,statistic,events_t,total_t,"
                    + "events_c,total_c,mean_t,sd_t,n_t,mean_c,sd_c,n_c,unit,source,locator,snippet,status,note\n",
            PackLoader.CONFLICTS_FILE, "id,subject,field,value_a,source_a,locator_a,value_b,source_b,locator_b,row_holds,note\n");

    private static final YAMLMapper YAML_OUT = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR).build();

    private final Bundle bundle;
    private final String packId;
    private final Map<String, Resource> byId = new LinkedHashMap<>();

    private EvidenceImport(Bundle bundle, String packId) {
        this.bundle = bundle;
        this.packId = packId;
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.hasResource()) {
                byId.put(e.getResource().fhirType() + "/" + e.getResource().getIdPart(), e.getResource());
            }
        }
    }

    /**
     * Writes {@code evidenceDir/packId} from the Bundle and returns the pack as the loader reads it. Refuses an
     * invalid id, an existing folder, a Bundle without Evidence, and a pack the loader refuses (with its problems).
     */
    public static EvidencePack write(Bundle bundle, String packId, Path evidenceDir) {
        if (packId == null || !packId.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("pack: a pack id is lower-case letters, digits and '-', starting with a letter or digit; got '" + packId + "'");
        }
        Path target = evidenceDir.resolve(packId);
        if (Files.exists(target)) {
            throw new IllegalArgumentException("pack: " + target + " exists already; an import never overwrites a pack");
        }
        Map<String, String> files = new EvidenceImport(bundle, packId).files();
        Path staging = null;
        try {
            Files.createDirectories(evidenceDir);
            staging = Files.createTempDirectory(evidenceDir, ".import-" + packId + "-");
            Path packDir = staging.resolve(packId);
            Files.createDirectory(packDir);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(packDir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
            EvidencePack pack = PackLoader.load(packDir);
            Files.move(packDir, target, StandardCopyOption.ATOMIC_MOVE);
            return PackLoader.load(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pack " + packId + " in " + evidenceDir, e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a staging folder left behind is never loaded: its pack sits one level down, not beside pack folders
        }
    }

    /** The pack's files, by name. */
    Map<String, String> files() {
        List<Evidence> evidence = resources(Evidence.class);
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException("input: the Bundle holds no Evidence resource; nothing to import");
        }
        Basic packResource = resources(Basic.class).stream().findFirst().orElse(null);
        String oldPack = oldPackId(packResource, evidence.get(0));
        Map<String, String> files = new LinkedHashMap<>();
        files.put(PackLoader.PACK_FILE, yaml(packYaml(packResource, oldPack)));
        files.put(PackLoader.DIMENSIONS_FILE, yaml(dimensionsYaml(packResource, oldPack)));
        files.put(PackLoader.ESTIMATES_FILE, estimates(packResource, oldPack, evidence));
        for (String table : PackFiles.TABLES) {
            Binary b = (Binary) byId.get("Binary/" + oldPack + "." + table.replace('_', '-'));
            files.put(table, b != null ? new String(b.getData(), StandardCharsets.UTF_8) : EMPTY_TABLES.get(table));
        }
        return files;
    }

    /** The exporting pack's id: the prefix of the resource ids ("dfu-cell-therapy" of "dfu-cell-therapy.healing-overall"). */
    private static String oldPackId(Basic packResource, Evidence any) {
        if (packResource != null) {
            for (Identifier i : packResource.getIdentifier()) {
                if (EbmCodes.PACK_ID.equals(i.getSystem())) {
                    return i.getValue();
                }
            }
        }
        String id = any.getIdPart();
        return id.contains(".") ? id.substring(0, id.indexOf('.')) : "";
    }

    private <T extends Resource> List<T> resources(Class<T> type) {
        return byId.values().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The part of an id after the old pack's prefix. */
    private static String part(String id, String oldPack) {
        return id.startsWith(oldPack + ".") ? id.substring(oldPack.length() + 1) : id;
    }

    private static ObjectNode entry(DomainResource r, String url) {
        Extension e = r.getExtensionByUrl(url);
        if (e == null || !e.hasValue()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return (ObjectNode) PackFiles.JSON.readTree(e.getValue().primitiveValue());
        } catch (IOException | ClassCastException bad) {
            throw new IllegalArgumentException(r.fhirType() + "/" + r.getIdPart() + ": extension " + url + " is not a JSON object", bad);
        }
    }

    private static String extensionCode(DomainResource r, String url) {
        Extension e = r.getExtensionByUrl(url);
        return e == null || !e.hasValue() ? null : e.getValue().primitiveValue();
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value == null || value.isBlank()) {
            node.remove(field);
        } else {
            node.put(field, value);
        }
    }

    // ---- pack.yaml -----------------------------------------------------------------------------------------

    private ObjectNode packYaml(Basic packResource, String oldPack) {
        ObjectNode pack = packResource == null ? JsonNodeFactory.instance.objectNode() : entry(packResource, EbmCodes.PACK_ENTRY);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", packId);
        pack.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("id")) {
                out.set(f.getKey(), f.getValue());
            }
        });
        if (!out.has("version")) {
            out.put("version", bundle.getMeta().hasVersionId() ? bundle.getMeta().getVersionId() : "1.0.0");
        }
        variable(oldPack, "population").ifPresent(v -> put(out, "population", v.getDescription()));
        variable(oldPack, "intervention").ifPresent(v -> put(out, "intervention", v.getDescription()));
        variable(oldPack, "comparator").ifPresent(v -> put(out, "comparator", v.getDescription()));
        if (!out.has("title")) {
            out.put("title", variable(oldPack, "population").map(v -> v.getTitle()).orElse("Imported evidence " + packId));
        }
        ArrayNode sources = out.putArray("sources");
        for (Citation c : resources(Citation.class)) {
            sources.add(source(c, oldPack));
        }
        if (!out.has("review") && !sources.isEmpty()) {
            out.put("review", sources.get(0).path("key").asText());
        }
        ArrayNode outcomes = out.putArray("outcomes");
        for (EvidenceVariable v : resources(EvidenceVariable.class)) {
            String part = part(v.getIdPart(), oldPack);
            if (part.startsWith("outcome.")) {
                outcomes.add(outcome(v, part.substring("outcome.".length())));
            }
        }
        // the pack-level keys after the lists, as pack.yaml has them (protocols last)
        if (out.has("protocols")) {
            out.set("protocols", out.remove("protocols"));
        }
        return out;
    }

    private java.util.Optional<EvidenceVariable> variable(String oldPack, String part) {
        return java.util.Optional.ofNullable((EvidenceVariable) byId.get("EvidenceVariable/" + oldPack + "." + part));
    }

    private static ObjectNode source(Citation c, String oldPack) {
        ObjectNode s = entry(c, EbmCodes.PACK_ENTRY);
        String key = null;
        for (Identifier i : c.getIdentifier()) {
            if (EbmCodes.SOURCE_KEY.equals(i.getSystem())) {
                key = i.getValue();
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("key", key != null ? key : part(c.getIdPart(), oldPack));
        s.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("key")) {
                out.set(f.getKey(), f.getValue());
            }
        });
        put(out, "citation", c.hasSummary() ? c.getSummaryFirstRep().getText() : c.getTitle());
        Citation.CitationCitedArtifactComponent a = c.getCitedArtifact();
        String doi = null;
        String pmid = null;
        String pmcid = null;
        for (Identifier i : a.getIdentifier()) {
            switch (String.valueOf(i.getSystem())) {
                case EbmCodes.DOI -> doi = i.getValue();
                case EbmCodes.PMID -> pmid = i.getValue();
                case EbmCodes.PMCID -> pmcid = i.getValue();
                default -> { }
            }
        }
        put(out, "doi", doi);
        put(out, "pmid", pmid);
        put(out, "pmcid", pmcid);
        if (a.hasPublicationForm() && a.getPublicationFormFirstRep().hasArticleDate()) {
            out.put("year", Integer.parseInt(a.getPublicationFormFirstRep().getArticleDateElement().getValueAsString().substring(0, 4)));
        } else {
            out.remove("year");
        }
        put(out, "url", a.hasWebLocation() ? a.getWebLocationFirstRep().getUrl() : null);
        put(out, "note", c.hasNote() ? c.getNoteFirstRep().getText() : null);
        return out;
    }

    private static ObjectNode outcome(EvidenceVariable v, String id) {
        ObjectNode o = entry(v, EbmCodes.PACK_ENTRY);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id);
        out.put("name", v.getTitle());
        o.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("id") && !f.getKey().equals("name")) {
                out.set(f.getKey(), f.getValue());
            }
        });
        if (v.hasHandling()) {
            out.put("type", v.getHandling() == org.hl7.fhir.r5.model.Enumerations.EvidenceVariableHandling.DICHOTOMOUS ? "binary" : "continuous");
        }
        put(out, "note", v.hasNote() ? v.getNoteFirstRep().getText() : null);
        return out;
    }

    // ---- dimensions.yaml -----------------------------------------------------------------------------------

    private ObjectNode dimensionsYaml(Basic packResource, String oldPack) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode dimensions = out.putArray("dimensions");
        Map<String, ObjectNode> byDimension = new LinkedHashMap<>();
        for (EvidenceVariable v : resources(EvidenceVariable.class)) {
            String part = part(v.getIdPart(), oldPack);
            int dot = part.indexOf('.');
            if (dot < 0 || part.startsWith("outcome.") || !v.hasCharacteristic()) {
                continue;
            }
            String dimensionId = part.substring(0, dot);
            ObjectNode dimension = byDimension.computeIfAbsent(dimensionId, id -> {
                ObjectNode d = JsonNodeFactory.instance.objectNode();
                d.put("id", id);
                entry(v, EbmCodes.DIMENSION_ENTRY).fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("id")) {
                        d.set(f.getKey(), f.getValue());
                    }
                });
                var byValue = v.getCharacteristicFirstRep().getDefinitionByTypeAndValue();
                if (!d.has("name")) {
                    d.put("name", byValue.getType().getText());
                }
                if (!d.has("kind")) {
                    // what FHIR says: a range of quantities is a numeric dimension, a category a categorical one
                    d.put("kind", byValue.getValue() instanceof Range ? "numeric" : "categorical");
                }
                if (!d.has("unit") && byValue.getValue() instanceof Range r) {
                    Quantity bound = r.hasLow() ? r.getLow() : r.getHigh();
                    if (bound != null && bound.hasUnit()) {
                        d.put("unit", bound.getUnit());
                    }
                }
                d.putArray("levels");
                dimensions.add(d);
                return d;
            });
            ((ArrayNode) dimension.get("levels")).add(level(v, part.substring(dot + 1), dimension.path("name").asText()));
        }
        if (packResource != null) {
            entry(packResource, EbmCodes.DIMENSIONS_FILE).fields().forEachRemaining(f -> out.set(f.getKey(), f.getValue()));
        }
        return out;
    }

    private static ObjectNode level(EvidenceVariable v, String id, String dimensionName) {
        ObjectNode l = entry(v, EbmCodes.PACK_ENTRY);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id);
        String title = v.getTitle();
        out.put("label", title.startsWith(dimensionName + ": ") ? title.substring(dimensionName.length() + 2) : title);
        l.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("id") && !f.getKey().equals("label")) {
                out.set(f.getKey(), f.getValue());
            }
        });
        var value = v.getCharacteristicFirstRep().getDefinitionByTypeAndValue().getValue();
        if (value instanceof Range range) {
            setBound(out, "lower", range.hasLow() ? range.getLow() : null);
            setBound(out, "upper", range.hasHigh() ? range.getHigh() : null);
        }
        return out;
    }

    /**
     * A level bound from the FHIR Range. FHIR prints decimals without exponents (1.0e7 comes back as 10000000):
     * when the pack entry carried alongside holds the same number, its printed form is kept.
     */
    private static void setBound(ObjectNode level, String field, Quantity q) {
        if (q == null || !q.hasValue()) {
            level.putNull(field);
            return;
        }
        JsonNode carried = level.get(field);
        if (carried != null && carried.isNumber() && carried.decimalValue().compareTo(q.getValue()) == 0) {
            return;
        }
        level.put(field, q.getValue());
    }

    // ---- reported_estimates.csv ----------------------------------------------------------------------------

    private String estimates(Basic packResource, String oldPack, List<Evidence> evidence) {
        List<String> columns = new ArrayList<>();
        if (packResource != null) {
            packResource.getExtensionsByUrl(EbmCodes.ESTIMATE_COLUMNS).forEach(e -> columns.add(e.getValue().primitiveValue()));
        }
        if (columns.isEmpty()) {
            columns.addAll(ESTIMATE_COLUMNS);
        }
        StringBuilder csv = new StringBuilder();
        csv.append(CsvFile.line(columns));
        for (Evidence e : evidence) {
            if ("recomputed".equals(extensionCode(e, EbmCodes.FINDING_ORIGIN))) {
                continue; // pooled by the engine from the study rows, not a published row: the engine pools it again
            }
            Map<String, String> row = row(e, oldPack);
            csv.append(CsvFile.line(columns.stream().map(c -> row.getOrDefault(c, "")).toList()));
        }
        return csv.toString();
    }

    private Map<String, String> row(Evidence e, String oldPack) {
        Map<String, String> row = new LinkedHashMap<>();
        entry(e, EbmCodes.PACK_ENTRY).fields().forEachRemaining(f -> row.put(f.getKey(), f.getValue().asText()));
        row.put("id", part(e.getIdPart(), oldPack));
        row.put("outcome", "");
        for (Evidence.EvidenceVariableDefinitionComponent v : e.getVariableDefinition()) {
            String role = v.getVariableRole().getCodingFirstRep().getCode();
            String ref = v.hasObserved() ? part(v.getObserved().getReferenceElement().getIdPart(), oldPack) : null;
            if ("measuredVariable".equals(role) && ref != null && ref.startsWith("outcome.")) {
                row.put("outcome", ref.substring("outcome.".length()));
            } else if ("population".equals(role) && ref != null && ref.contains(".")) {
                row.put("dimension", ref.substring(0, ref.indexOf('.')));
                row.put("level", ref.substring(ref.indexOf('.') + 1));
            } else if ("population".equals(role)) {
                row.put("level", "");
            }
        }
        if (e.hasStatistic()) {
            Evidence.EvidenceStatisticComponent s = e.getStatisticFirstRep();
            row.put("kind", "numeric");
            String measure = EbmCodes.measureOf(s.getStatisticType().getCodingFirstRep().getCode());
            if (measure == null) {
                throw new IllegalArgumentException("Evidence/" + e.getIdPart() + ": statisticType "
                        + s.getStatisticType().getCodingFirstRep().getCode() + " is not one of the pack's measures (OR, RR, MD, SMD)");
            }
            row.put("measure", measure);
            row.put("estimate", plain(s.getQuantity().getValue()));
            row.put("k", s.getSampleSize().hasNumberOfStudies() ? String.valueOf(s.getSampleSize().getNumberOfStudies()) : "");
            row.put("n", s.getSampleSize().hasNumberOfParticipants() ? String.valueOf(s.getSampleSize().getNumberOfParticipants()) : "");
            row.put("ci_low", "");
            row.put("ci_high", "");
            row.put("p_value", "");
            row.put("i2", "");
            row.put("tau2", "");
            for (Evidence.EvidenceStatisticAttributeEstimateComponent a : s.getAttributeEstimate()) {
                String type = a.getType().getCodingFirstRep().getCode();
                switch (String.valueOf(type)) {
                    case "C53324" -> {
                        row.put("ci_low", plain(a.getRange().getLow().getValue()));
                        row.put("ci_high", plain(a.getRange().getHigh().getValue()));
                    }
                    case "C44185" -> row.put("p_value", a.hasQuantity()
                            ? (a.getQuantity().hasComparator() ? a.getQuantity().getComparator().toCode() : "") + plain(a.getQuantity().getValue())
                            : a.hasNote() ? a.getNoteFirstRep().getText() : "");
                    case "0000420" -> row.put("i2", plain(a.getQuantity().getValue()));
                    case "0000421" -> row.put("tau2", plain(a.getQuantity().getValue()));
                    default -> { }
                }
            }
            row.put("model", s.hasModelCharacteristic() ? s.getModelCharacteristicFirstRep().getCode().getText() : "");
            row.put("direction", "");
        } else {
            row.put("kind", "direction-only");
            for (String numeric : List.of("measure", "estimate", "ci_low", "ci_high", "p_value", "k", "n", "i2", "tau2", "model")) {
                row.putIfAbsent(numeric, "");
            }
            String direction = extensionCode(e, EbmCodes.DIRECTION);
            if (direction != null) {
                row.put("direction", direction);
            }
        }
        List<String> sources = new ArrayList<>();
        String locator = null;
        for (RelatedArtifact r : e.getRelatedArtifact()) {
            if (r.hasResourceReference() && "Citation".equals(r.getResourceReference().getReferenceElement().getResourceType())) {
                Resource cited = byId.get("Citation/" + r.getResourceReference().getReferenceElement().getIdPart());
                String key = cited instanceof Citation c ? c.getIdentifier().stream().filter(i -> EbmCodes.SOURCE_KEY.equals(i.getSystem()))
                        .map(Identifier::getValue).findFirst().orElse(part(c.getIdPart(), oldPack))
                        : part(r.getResourceReference().getReferenceElement().getIdPart(), oldPack);
                sources.add(key);
                if (locator == null && r.hasLabel()) {
                    locator = r.getLabel();
                }
            }
        }
        row.put("source", String.join(";", sources));
        row.put("locator", locator == null ? row.getOrDefault("locator", "") : locator);
        String snippet = "";
        String note = "";
        for (Annotation a : e.getNote()) {
            Extension verbatim = a.getExtensionByUrl(EbmCodes.VERBATIM);
            if (verbatim != null && "true".equals(verbatim.getValue().primitiveValue())) {
                snippet = a.getText();
            } else if (note.isEmpty()) {
                note = a.getText();
            }
        }
        row.put("snippet", snippet);
        row.put("note", note);
        String status = extensionCode(e, EbmCodes.VERIFICATION_STATUS);
        // no default: a status nobody stated is not written (the loader then names the row and the column)
        row.put("status", status != null ? status : row.getOrDefault("status", ""));
        return row;
    }

    /** A decimal as printed: the scale FHIR kept ("6.90" stays "6.90"), never an exponent. */
    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String yaml(JsonNode node) {
        try {
            return "# Imported from an EBM-on-FHIR (FHIR R5) Bundle by evidence-cds import; see docs/fhir-evidence.md\n"
                    + YAML_OUT.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
