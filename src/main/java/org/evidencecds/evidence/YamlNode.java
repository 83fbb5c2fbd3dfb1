package org.evidencecds.evidence;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML tree that remembers where each node starts, so that validation can point at
 * {@code file:line:column}. (Jackson's own tree model drops locations.) Scalars keep their text.
 */
public final class YamlNode {

    public enum Kind { MAP, LIST, SCALAR, NULL }

    public final Kind kind;
    public final int line;
    public final int column;
    public final String text;
    public final Map<String, YamlNode> fields;
    public final Map<String, int[]> keyLocations;
    public final List<YamlNode> items;

    private YamlNode(Kind kind, int line, int column, String text) {
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.text = text;
        this.fields = new LinkedHashMap<>();
        this.keyLocations = new LinkedHashMap<>();
        this.items = new ArrayList<>();
    }

    public static YamlNode parse(Reader reader) throws IOException {
        try (JsonParser parser = new YAMLFactory().createParser(reader)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return new YamlNode(Kind.NULL, 1, 1, null);
            }
            return read(parser);
        }
    }

    private static YamlNode read(JsonParser parser) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                YamlNode node = new YamlNode(Kind.MAP, line, column, null);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonLocation keyAt = parser.currentTokenLocation();
                    parser.nextToken();
                    YamlNode value = read(parser);
                    if (node.fields.containsKey(name)) {
                        throw new DuplicateKeyException(name, keyAt.getLineNr(), keyAt.getColumnNr());
                    }
                    node.fields.put(name, value);
                    node.keyLocations.put(name, new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
                }
                return node;
            }
            case START_ARRAY -> {
                YamlNode node = new YamlNode(Kind.LIST, line, column, null);
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    node.items.add(read(parser));
                }
                return node;
            }
            case VALUE_NULL -> {
                return new YamlNode(Kind.NULL, line, column, null);
            }
            default -> {
                return new YamlNode(Kind.SCALAR, line, column, parser.getText());
            }
        }
    }

    public YamlNode get(String name) {
        return fields.get(name);
    }

    public boolean isNullOrMissing(String name) {
        YamlNode n = fields.get(name);
        return n == null || n.kind == Kind.NULL || (n.kind == Kind.SCALAR && n.text.isBlank());
    }

    public static final class DuplicateKeyException extends IOException {
        public final String key;
        public final int line;
        public final int column;

        DuplicateKeyException(String key, int line, int column) {
            super("duplicate key " + key);
            this.key = key;
            this.line = line;
            this.column = column;
        }
    }
}
