package org.evidencecds.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small CSV table read for a command: header plus rows, each row remembering its line number so that
 * every error can say {@code file:line: field: reason}.
 */
final class CsvTable {

    final String file;
    final List<String> header;
    final List<Row> rows;

    private CsvTable(String file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    record Row(int line, List<String> cells) {
    }

    static CsvTable read(Path path) {
        String file = path.toString();
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (Reader reader = Files.newBufferedReader(path);
             MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(reader)) {
            List<String> header = null;
            List<Row> rows = new ArrayList<>();
            while (it.hasNextValue()) {
                int line = it.getCurrentLocation().getLineNr();
                String[] cells = it.nextValue();
                if (header == null) {
                    header = Arrays.stream(cells).map(String::trim).toList();
                    continue;
                }
                if (cells.length == 1 && cells[0].isBlank()) {
                    continue;
                }
                rows.add(new Row(line, Arrays.asList(cells)));
            }
            if (header == null) {
                throw new UsageException(file + ":1: header: the file is empty");
            }
            return new CsvTable(file, header, rows);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": file not found");
        } catch (IOException | RuntimeException e) {
            if (e instanceof UsageException u) {
                throw u;
            }
            throw new UsageException(file + ": not a readable CSV file (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    boolean has(String column) {
        return header.contains(column);
    }

    void require(String... columns) {
        List<String> missing = Arrays.stream(columns).filter(c -> !has(c)).toList();
        if (!missing.isEmpty()) {
            throw new UsageException(file + ":1: header: missing required column(s) " + String.join(", ", missing)
                    + " (found: " + String.join(", ", header) + ")");
        }
    }

    String text(Row row, String column) {
        int i = header.indexOf(column);
        String value = i < row.cells().size() ? row.cells().get(i).trim() : "";
        if (value.isEmpty()) {
            throw new UsageException(file + ":" + row.line() + ": " + column + ": value is missing");
        }
        return value;
    }

    int integer(Row row, String column) {
        String value = text(row, column);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(file + ":" + row.line() + ": " + column + ": not a whole number: \"" + value + "\"");
        }
    }

    double number(Row row, String column) {
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
