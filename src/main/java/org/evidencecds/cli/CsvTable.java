package org.evidencecds.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.evidencecds.evidence.CsvFile;

/**
 * A CSV file given to a command, read with the evidence loader's {@link CsvFile} so that every error can
 * say {@code file:line: field: reason}.
 */
final class CsvTable {

    final String file;
    final List<String> header;
    final List<CsvFile.Row> rows;

    private CsvTable(String file, List<String> header, List<CsvFile.Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    static CsvTable read(Path path) {
        String file = path.toString();
        try (Reader reader = Files.newBufferedReader(path)) {
            CsvFile csv = CsvFile.parse(reader);
            if (csv.header.isEmpty()) {
                throw new UsageException(file + ":1: header: the file is empty");
            }
            return new CsvTable(file, csv.header.stream().map(c -> c.text().trim()).toList(), csv.rows);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": file not found");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new UsageException(file + ":" + line + ": not a readable CSV file (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    boolean has(String column) {
        return header.contains(column);
    }

    void require(String... columns) {
        List<String> missing = Arrays.stream(columns).filter(c -> !has(c)).toList();
        if (!missing.isEmpty()) {
            throw new UsageException(file + ":1: header: missing required " + (missing.size() == 1 ? "column " : "columns ") + String.join(", ", missing)
                    + " (found: " + String.join(", ", header) + ")");
        }
    }

    String text(CsvFile.Row row, String column) {
        CsvFile.Cell cell = row.cell(column);
        String value = cell == null ? "" : cell.text().trim();
        if (value.isEmpty()) {
            throw new UsageException(file + ":" + row.line() + ": " + column + ": value is missing");
        }
        return value;
    }

    int integer(CsvFile.Row row, String column) {
        String value = text(row, column);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(file + ":" + row.line() + ": " + column + ": not a whole number: \"" + value + "\"");
        }
    }

    double number(CsvFile.Row row, String column) {
        String value = text(row, column);
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(file + ":" + row.line() + ": " + column + ": not a number: \"" + value + "\"");
        }
    }
}
