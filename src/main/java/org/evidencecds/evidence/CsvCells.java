package org.evidencecds.evidence;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the cells of one CSV file of a pack: blank is "no value" (null), anything else is trimmed, and a value
 * that does not parse is reported at its cell. Bound to one file, so that a reader names only the column.
 */
final class CsvCells {

    private static final Pattern ROW_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final PackReading reading;
    private final String file;
    /** The line each row id was first defined on: ids are unique within a file. */
    private final Map<String, Integer> idLines = new HashMap<>();

    CsvCells(PackReading reading, String file) {
        this.reading = reading;
        this.file = file;
    }

    void problem(CsvFile.Cell cell, String field, String reason) {
        reading.problem(file, cell, field, reason);
    }

    /** A problem with the row's value in this column, reported at its cell. */
    void problem(CsvFile.Row row, String column, String reason) {
        problem(at(row, column), column, reason);
    }

    /** The cell's trimmed text; null when the cell is blank or the row has no such column. */
    String str(CsvFile.Row row, String column) {
        CsvFile.Cell cell = row.cell(column);
        if (cell == null) {
            return null;
        }
        String t = cell.text().trim();
        return t.isEmpty() ? null : t;
    }

    /** Where a problem with the cell is reported: the cell, or the row's first column when the row is short. */
    CsvFile.Cell at(CsvFile.Row row, String column) {
        CsvFile.Cell cell = row.cell(column);
        return cell != null ? cell : new CsvFile.Cell("", row.line(), 1);
    }

    Integer integer(CsvFile.Row row, String column, int min) {
        String t = str(row, column);
        if (t == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(t);
            if (v < min) {
                problem(row, column, "must be " + (min == 0 ? ">= 0" : ">= " + min) + ", found " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            problem(row, column, "not a whole number: \"" + t + "\"");
            return null;
        }
    }

    Double number(CsvFile.Row row, String column) {
        String t = str(row, column);
        if (t == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            // Java would read 1d and 2F as numbers; a spreadsheet would not
            if (!Double.isFinite(v) || t.endsWith("d") || t.endsWith("f") || t.endsWith("D") || t.endsWith("F")) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            problem(row, column, "not a number: \"" + t + "\" (use a plain decimal such as 4.64 or 1e7)");
            return null;
        }
    }

    <E extends Enum<E>> E enumCell(CsvFile.Row row, String column, Class<E> type) {
        String t = str(row, column);
        if (t == null) {
            return null;
        }
        E e = Enums.parse(type, t);
        if (e == null) {
            problem(row, column, "\"" + t + "\" is not allowed (allowed: " + Enums.allowed(type) + ")");
        }
        return e;
    }

    /** The source keys in a cell (separated by ;), each checked against pack.yaml's sources when it could be read. */
    List<String> sourceKeys(CsvFile.Row row, String column) {
        String t = str(row, column);
        if (t == null) {
            return List.of();
        }
        List<String> keys = Arrays.stream(t.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String key : keys) {
            if (!reading.sources.containsKey(key) && !reading.unreadable.contains(PackLoader.PACK_FILE)) {
                problem(row, column, "unknown source key \"" + key + "\" (not in pack.yaml sources)");
            }
        }
        return keys;
    }

    /** Whether the row's id is new in this file, so its record is kept (a duplicate keeps the first row). */
    boolean uniqueId(CsvFile.Row row, String id) {
        if (id == null) {
            return false;
        }
        if (!ROW_ID.matcher(id).matches()) {
            problem(row, "id", "\"" + id + "\" is not a valid id (letters, digits, _ . -)");
        }
        Integer first = idLines.putIfAbsent(id, row.line());
        if (first != null) {
            problem(row, "id", "duplicate id \"" + id + "\" (first defined on line " + first + ")");
            return false;
        }
        return true;
    }
}
