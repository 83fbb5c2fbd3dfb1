package org.evidencecds.web;

import java.util.regex.Pattern;
import org.evidencecds.profile.Quote;

/**
 * Request ids a client chooses (the {@code X-Request-Id} header, a CDS Hooks {@code hookInstance}, a feedback
 * {@code card}) are kept in the audit log (request_id, at most {@value #MAX} characters): 1 to {@value #MAX}
 * characters, each a letter, a digit, '.', '_', ':' or '-' (a UUID passes). Anything else is refused with 400
 * naming the field, before anything is recorded.
 */
public final class RequestIds {

    /** The longest request id (the audit log's request_id column). */
    public static final int MAX = 100;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX + "}");

    private RequestIds() {
    }

    /** Why the id cannot be taken, or null when it can. */
    public static String problem(String id) {
        if (id == null) {
            return "required";
        }
        if (ID.matcher(id).matches()) {
            return null;
        }
        return "must be 1 to " + MAX + " characters, each a letter, a digit, '.', '_', ':' or '-' (a UUID will do), got "
                + (id.isEmpty() ? "an empty value" : Quote.of(id));
    }

    /** The header's value when it is absent (null) or a valid id; otherwise {@link InvalidRequestId}. */
    public static String header(String name, String value) {
        String problem = value == null ? null : problem(value);
        if (problem != null) {
            throw new InvalidRequestId(name, "the header " + problem);
        }
        return value;
    }

    /** A request id that cannot be taken: answered 400 problem+json naming the field (see {@link ApiErrors}). */
    public static final class InvalidRequestId extends InvalidParameter {
        public InvalidRequestId(String field, String reason) {
            super(field, reason);
        }
    }
}
