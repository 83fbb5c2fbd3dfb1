package org.evidencecds.web.fhir;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The evidence packs in FHIR R5 (EBM on FHIR), read-only: a pack's collection Bundle, a searchset of Evidence,
 * and each resource by its id. Thin: the exports are built and kept by {@link FhirEvidenceExports}. Answers are
 * application/fhir+json (also to {@code Accept: application/json}); errors are an OperationOutcome
 * ({@link FhirErrors}): an unknown pack, whether in the path or in {@code _pack}, or an unknown id is 404
 * (not-found); {@code _pack} given empty, or {@code GET /fhir/Bundle} without it, is 400 (required). The
 * fullUrls are under this server's {@code /fhir} as the request reached it.
 */
@RestController
@RequestMapping(value = "/fhir", produces = {FhirEvidenceController.FHIR_JSON, MediaType.APPLICATION_JSON_VALUE})
@Tag(name = "FHIR R5 evidence", description = "The evidence packs as FHIR R5 resources (EBM on FHIR): Bundle, Evidence, Citation, "
        + "EvidenceVariable, ArtifactAssessment, CodeSystem. Errors are a FHIR OperationOutcome.")
public class FhirEvidenceController {

    static final String FHIR_JSON = "application/fhir+json";
    static final MediaType FHIR_JSON_UTF8 = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

    private final FhirEvidenceExports exports;

    public FhirEvidenceController(FhirEvidenceExports exports) {
        this.exports = exports;
    }

    @GetMapping("/Bundle/{packId}")
    @Operation(summary = "A pack as a FHIR R5 collection Bundle", description = "Every resource of the pack: its Basic entry, the "
            + "CodeSystems, a Citation per source, the EvidenceVariables, an Evidence per finding, an ArtifactAssessment per "
            + "credibility rating and the study tables as Binary text/csv.")
    @FhirAnswers
    public ResponseEntity<byte[]> bundle(@PathVariable String packId) {
        return fhir(exports.current().bundle(packId, base()));
    }

    @GetMapping("/Bundle")
    @Operation(summary = "A pack as a FHIR R5 collection Bundle, by _pack", description = "The same as GET /fhir/Bundle/{packId}. "
            + "Without _pack, or with it empty: 400 (required); an unknown pack: 404 (not-found).")
    @FhirAnswers
    public ResponseEntity<byte[]> bundleByPack(@Parameter(description = "the pack id, e.g. dfu-cell-therapy")
                                               @RequestParam(name = "_pack", required = false) String pack) {
        if (pack == null || pack.isBlank()) {
            throw FhirProblem.required("_pack: give the pack whose Bundle is wanted (GET /fhir/Bundle?_pack={id} or /fhir/Bundle/{id})");
        }
        return fhir(exports.current().bundle(pack, base()));
    }

    @GetMapping("/Evidence")
    @Operation(summary = "Search Evidence: every pack's, or one pack's", description = "A searchset Bundle: one entry per finding "
            + "(fullUrl, search.mode match) and the total. An unknown _pack: 404 (not-found); _pack empty: 400 (required).")
    @FhirAnswers
    public ResponseEntity<byte[]> evidenceSearch(@Parameter(description = "only this pack's Evidence, e.g. dfu-cell-therapy")
                                                 @RequestParam(name = "_pack", required = false) String pack) {
        if (pack != null && pack.isBlank()) {
            throw FhirProblem.required("_pack: give a pack id, or leave _pack out for every pack's Evidence");
        }
        return fhir(exports.current().evidenceSearch(pack, base()));
    }

    @GetMapping("/Evidence/{id}")
    @Operation(summary = "One Evidence (a finding)", description = "The id is the pack id, a '.' and the finding's part, "
            + "e.g. dfu-cell-therapy.healing-overall.")
    @FhirAnswers
    public ResponseEntity<byte[]> evidence(@PathVariable String id) {
        return read("Evidence", id);
    }

    @GetMapping("/Citation/{id}")
    @Operation(summary = "One Citation (a source of a pack)", description = "e.g. dfu-cell-therapy.zhang2026")
    @FhirAnswers
    public ResponseEntity<byte[]> citation(@PathVariable String id) {
        return read("Citation", id);
    }

    @GetMapping("/EvidenceVariable/{id}")
    @Operation(summary = "One EvidenceVariable (population, intervention, comparator, an outcome or a subgroup level)",
            description = "e.g. dfu-cell-therapy.ulcer-area.ge-10-cm2")
    @FhirAnswers
    public ResponseEntity<byte[]> evidenceVariable(@PathVariable String id) {
        return read("EvidenceVariable", id);
    }

    @GetMapping("/ArtifactAssessment/{id}")
    @Operation(summary = "One ArtifactAssessment (the credibility rating of a subgroup finding)")
    @FhirAnswers
    public ResponseEntity<byte[]> artifactAssessment(@PathVariable String id) {
        return read("ArtifactAssessment", id);
    }

    @GetMapping("/CodeSystem/{id}")
    @Operation(summary = "One of this project's CodeSystems", description = "e.g. iceman-credibility (no pack prefix)")
    @FhirAnswers
    public ResponseEntity<byte[]> codeSystem(@PathVariable String id) {
        return read("CodeSystem", id);
    }

    /** The other resources the Bundles' fullUrls name (Basic, Binary), and a not-supported OperationOutcome for any other type. */
    @GetMapping("/{type}/{id}")
    @Operation(summary = "Any other resource a Bundle holds (Basic, Binary)")
    @FhirAnswers
    public ResponseEntity<byte[]> other(@PathVariable String type, @PathVariable String id) {
        return read(type, id);
    }

    @GetMapping("/{type}")
    @Operation(summary = "Searches other than Evidence are not supported (404, not-supported)")
    @FhirAnswers
    public ResponseEntity<byte[]> otherSearch(@PathVariable String type) {
        throw FhirProblem.notSupported("search on " + org.evidencecds.profile.Quote.cut(type) + " is not supported; this server searches "
                + "Evidence (GET /fhir/Evidence[?_pack={pack}]) and reads Bundle, Evidence, Citation, EvidenceVariable, "
                + "ArtifactAssessment, CodeSystem, Basic and Binary by id");
    }

    private ResponseEntity<byte[]> read(String type, String id) {
        return fhir(exports.current().resource(type, id, base()));
    }

    private static ResponseEntity<byte[]> fhir(byte[] json) {
        return ResponseEntity.ok().contentType(FHIR_JSON_UTF8).body(json);
    }

    /** This server's FHIR base as the request reached it, e.g. http://localhost:8080/fhir. */
    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir").build().toUriString();
    }

    /** The documented answers: the resource, or an OperationOutcome. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "200", description = "the FHIR R5 resource (JSON)",
            content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = "object", description = "a FHIR R5 resource")))
    @ApiResponse(responseCode = "400", description = "OperationOutcome: a search parameter that must be given is missing (required)",
            content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = "object", description = "a FHIR R5 OperationOutcome")))
    @ApiResponse(responseCode = "404", description = "OperationOutcome: no such pack or resource (not-found), or a resource type "
            + "this server does not serve (not-supported)",
            content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = "object", description = "a FHIR R5 OperationOutcome")))
    @interface FhirAnswers {
    }
}
