package org.evidencecds.web;

/** A resource that does not exist (answered with 404 problem+json). */
public final class NotFoundException extends RuntimeException {

    private final String what;
    private final String id;

    public NotFoundException(String what, String id, String detail) {
        super(detail);
        this.what = what;
        this.id = id;
    }

    public String what() {
        return what;
    }

    public String id() {
        return id;
    }
}
