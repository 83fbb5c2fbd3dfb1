package org.evidencecds.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.evidencecds.profile.Quote;

/**
 * Why a request body could not be read as JSON, in the project's words: where (line and column) and what
 * (a duplicate key, NaN, nesting too deep, a number too long, not UTF-8, ...). The parser's own text is
 * never passed on: it names its settings and classes and may echo what was sent; a message not known here
 * becomes a generic "not valid JSON" with the location.
 */
final class JsonErrors {

    private static final Pattern DUPLICATE = Pattern.compile("(?s)^Duplicate field '(.*)'$");
    private static final Pattern NON_STANDARD = Pattern.compile("^Non-standard token '([-+A-Za-z]{1,12})'");
    private static final Pattern MAXIMUM = Pattern.compile("exceeds the maximum allowed \\((\\d+)");
    private static final Pattern CODE = Pattern.compile("\\(code (\\d+)");

    private JsonErrors() {
    }

    /**
     * The reason a body was refused; {@code cause} is the parser's exception (or null when there was no body),
     * {@code what} what the body should be (e.g. "a JSON object of profile fields").
     */
    static String describe(Throwable cause, String what) {
        if (cause instanceof MismatchedInputException) {
            return "the request body is not " + what;
        }
        if (!(cause instanceof JsonProcessingException j)) {
            return "the request body is not " + what;
        }
        String message = j.getOriginalMessage() == null ? "" : j.getOriginalMessage();
        String at = at(j.getLocation());
        if (j instanceof StreamConstraintsException) {
            Matcher max = MAXIMUM.matcher(message);
            String limit = max.find() ? max.group(1) : null;
            if (message.contains("nesting depth")) {
                return "the JSON is nested too deeply" + (limit == null ? "" : " (more than " + limit + " levels of arrays and objects)") + at;
            }
            if (message.startsWith("Number value length")) {
                return "a number is too long" + (limit == null ? "" : " (more than " + limit + " characters)") + at;
            }
            if (message.startsWith("String value length")) {
                return "a text value is too long" + (limit == null ? "" : " (more than " + limit + " characters)") + at;
            }
            if (message.startsWith("Name length")) {
                return "a key is too long" + (limit == null ? "" : " (more than " + limit + " characters)") + at;
            }
            return "the JSON is larger or deeper than this service reads" + at;
        }
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.matches()) {
            String key = duplicate.group(1);
            return "duplicate key '" + Quote.cut(key) + "'" + (key.length() > Quote.PREFIX ? " (" + key.length() + " characters)" : "")
                    + at + "; each key may appear only once in an object";
        }
        Matcher nonStandard = NON_STANDARD.matcher(message);
        if (nonStandard.find()) {
            return "not a number: " + nonStandard.group(1) + " is not allowed; send a decimal number" + at;
        }
        return "malformed JSON" + at + ": " + syntax(message);
    }

    /** A syntax error in plain words. */
    private static String syntax(String message) {
        if (message.startsWith("Unexpected end-of-input")) {
            return "the body ends before the JSON is complete (an object, array or text is not closed)";
        }
        if (message.startsWith("Invalid UTF-8") || message.startsWith("Invalid UTF-16") || message.startsWith("Invalid UTF-32")
                || message.contains("Invalid UTF-32 character")) {
            return "the body is not valid UTF-8 text";
        }
        if (message.startsWith("Unexpected close marker")) {
            return "a closing ']' or '}' does not match what was opened";
        }
        if (message.startsWith("Unrecognized token")) {
            return "unrecognized word; a value is text in double quotes, a number, an object, an array, true, false or null";
        }
        if (message.startsWith("Illegal unquoted character")) {
            return "a control character inside text must be escaped (e.g. \\n, \\t, \\u0000)";
        }
        if (message.startsWith("Unrecognized character escape")) {
            return "an unknown escape sequence inside text (known: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
        }
        if (message.startsWith("Invalid numeric value") || message.startsWith("Leading zeroes") || message.contains("not allowed for numbers")
                || message.startsWith("Unexpected character ('.'") || message.startsWith("Unexpected character ('+'")) {
            return "invalid number; numbers are written like 12, -0.5 or 1e3 (no leading zeros, '+', or '.' without digits)";
        }
        if (message.startsWith("Unexpected character")) {
            Matcher code = CODE.matcher(message);
            String which = "";
            if (code.find()) {
                int c = Integer.parseInt(code.group(1));
                which = c > 32 && c < 127 ? " '" + (char) c + "'" : " (code " + c + ")";
            }
            String expected = "";
            if (message.contains("was expecting comma")) {
                expected = "; a ',' is missing between entries";
            } else if (message.contains("was expecting double-quote to start field name")) {
                expected = "; a key must be text in double quotes";
            } else if (message.contains("was expecting a colon")) {
                expected = "; a ':' is missing after a key";
            } else if (message.contains("expected a valid value")) {
                expected = "; a value is text in double quotes, a number, an object, an array, true, false or null";
            }
            return "unexpected character" + which + expected;
        }
        return "not valid JSON";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
