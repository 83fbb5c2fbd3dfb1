package org.evidencecds.ebm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.evidence.CsvFile;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;

/**
 * A pack's files as they are written (entries of the YAML files, rows of the CSV files as column to cell text),
 * for the parts of the export that carry a pack entry verbatim. Read only when the folder's files are exactly
 * those the loaded pack was read from (same content hash): an export never mixes two versions of a pack.
 */
record PackFiles(ObjectNode pack, ObjectNode dimensions, List<String> estimateColumns,
                 Map<String, Map<String, String>> estimateRows, Map<String, String> tables) {

    /** The study-level tables, carried verbatim (no EBM-on-FHIR summary resource holds them). */
    static final List<String> TABLES = List.of(PackLoader.STUDIES_FILE, PackLoader.OUTCOMES_FILE, PackLoader.CONFLICTS_FILE);

    static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static PackFiles read(Path packDir, EvidencePack loaded) {
        String hash = PackLoader.contentHash(packDir);
        if (!hash.equals(loaded.contentHash())) {
            throw new IllegalStateException("the files in " + packDir + " are not those pack " + loaded.id() + " " + loaded.info().version()
                    + " was loaded from (content hash " + hash + ", loaded " + loaded.contentHash() + "): reload the knowledge first");
        }
        try {
            ObjectNode pack = (ObjectNode) YAML.readTree(Files.readString(packDir.resolve(PackLoader.PACK_FILE), StandardCharsets.UTF_8));
            ObjectNode dimensions = (ObjectNode) YAML.readTree(Files.readString(packDir.resolve(PackLoader.DIMENSIONS_FILE), StandardCharsets.UTF_8));
            CsvFile estimates = CsvFile.parse(new StringReader(Files.readString(packDir.resolve(PackLoader.ESTIMATES_FILE), StandardCharsets.UTF_8)));
            List<String> columns = new ArrayList<>();
            estimates.header.forEach(c -> columns.add(c.text()));
            Map<String, Map<String, String>> rows = new LinkedHashMap<>();
            for (CsvFile.Row row : estimates.rows) {
                Map<String, String> cells = new LinkedHashMap<>();
                row.cells().forEach((column, cell) -> cells.put(column, cell.text()));
                rows.put(cells.get("id"), cells);
            }
            Map<String, String> tables = new LinkedHashMap<>();
            for (String name : TABLES) {
                tables.put(name, Files.readString(packDir.resolve(name), StandardCharsets.UTF_8));
            }
            return new PackFiles(pack, dimensions, columns, rows, tables);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pack " + loaded.id() + " in " + packDir, e);
        }
    }

    /** The entry of a YAML list (sources, outcomes, dimensions) whose {@code key} is {@code id}. */
    static ObjectNode entry(JsonNode list, String key, String id) {
        for (JsonNode e : list) {
            if (id.equals(e.path(key).asText(null))) {
                return (ObjectNode) e;
            }
        }
        throw new IllegalStateException("no entry with " + key + " '" + id + "'");
    }

    static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String jsonOfRow(Map<String, String> row) {
        return json(JSON.valueToTree(row));
    }
}
