package org.evidencecds.evidence;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CSV file read cell by cell with each cell's line and column (Jackson's CSV parser gives both). */
public final class CsvFile {

    public record Cell(String text, int line, int column) {
    }

    public record Row(int line, Map<String, Cell> cells, List<Cell> extra) {
        public Cell cell(String column) {
            return cells.get(column);
        }
    }

    public final List<Cell> header;
    public final List<Row> rows;

    private CsvFile(List<Cell> header, List<Row> rows) {
        this.header = header;
        this.rows = rows;
    }

    /**
     * One CSV line as RFC 4180 writes it, ending in a newline: a cell with a comma, a quote or a line break is
     * quoted, its quotes doubled; a null cell is empty. What {@link #parse} reads back as the same cells.
     */
    public static String line(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        return out.append('\n').toString();
    }

    public static CsvFile parse(Reader reader) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Cell> header = null;
        List<Row> rows = new ArrayList<>();
        try (JsonParser parser = mapper.getFactory().createParser(reader)) {
            JsonToken token = parser.nextToken(); // START_ARRAY of the whole file
            if (token == null) {
                return new CsvFile(List.of(), List.of());
            }
            while ((token = parser.nextToken()) == JsonToken.START_ARRAY) {
                List<Cell> cells = new ArrayList<>();
                int rowLine = parser.currentTokenLocation().getLineNr();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonLocation at = parser.currentTokenLocation();
                    cells.add(new Cell(parser.getText(), at.getLineNr(), at.getColumnNr()));
                }
                if (!cells.isEmpty()) {
                    rowLine = cells.get(0).line();
                }
                if (header == null) {
                    header = cells;
                    continue;
                }
                if (cells.size() == 1 && cells.get(0).text().isBlank()) {
                    continue; // blank line
                }
                Map<String, Cell> byName = new LinkedHashMap<>();
                List<Cell> extra = new ArrayList<>();
                for (int i = 0; i < cells.size(); i++) {
                    if (i < header.size()) {
                        byName.put(header.get(i).text().trim(), cells.get(i));
                    } else {
                        extra.add(cells.get(i));
                    }
                }
                rows.add(new Row(rowLine, byName, extra));
            }
        }
        return new CsvFile(header == null ? List.of() : header, rows);
    }
}
