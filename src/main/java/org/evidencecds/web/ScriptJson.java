package org.evidencecds.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON for a {@code <script type="application/json">} block of a template, written with {@code th:utext}.
 * Not {@code th:text}: inside a script element the browser does not decode entities, so Thymeleaf's
 * {@code &quot;} would reach {@code JSON.parse}. Instead {@code < > & '} are written as JSON escapes
 * ({@code \u003c} …), so no value can close the element ("&lt;/script&gt;") or open a comment, and
 * {@code JSON.parse(element.textContent)} reads the data back unchanged.
 */
public final class ScriptJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setCharacterEscapes(new HtmlSafe());
    }

    private ScriptJson() {
    }

    public static String of(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the page's data as JSON", e);
        }
    }

    private static final class HtmlSafe extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        HtmlSafe() {
            for (char c : new char[] {'<', '>', '&', '\''}) {
                ascii[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
