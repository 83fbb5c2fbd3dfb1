package org.evidencecds.web;

/**
 * A request parameter or header with a value the endpoint does not take: answered 400 problem+json naming the
 * field and the reason (see {@link ApiErrors}).
 */
public class InvalidParameter extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidParameter(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
