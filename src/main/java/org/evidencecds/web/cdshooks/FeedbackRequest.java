package org.evidencecds.web.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.evidencecds.web.RequestIds;

/**
 * The body of a CDS Hooks 2.0 feedback call ({@code POST {baseUrl}/cds-services/{id}/feedback}), read from
 * JSON into immutable records, or the list of what is wrong with it, each naming its JSON path (e.g.
 * {@code feedback[1].outcomeTimestamp}) and the reason.
 *
 * <p>All or nothing: one invalid item refuses the whole call, with every error found. Unknown fields (at the
 * top level and in items, where CDS Hooks allows extensions) are ignored. At most {@value #MAX_ITEMS} items
 * are taken per call; more are refused without reading them. {@code acceptedSuggestions} are taken only
 * with the outcome {@code accepted} and {@code overrideReason} only with {@code overridden}; an empty array
 * or a JSON null in the other case is tolerated.
 */
public final class FeedbackRequest {

    /** Items accepted in one call. */
    public static final int MAX_ITEMS = 100;
    /** Longest card uuid (the uuids this service issues have 36 characters). */
    public static final int MAX_CARD_LENGTH = 36;
    /** Longest user comment kept. */
    public static final int MAX_COMMENT_LENGTH = 4000;
    /** Longest code, system, display or suggestion id. */
    public static final int MAX_TEXT_LENGTH = 1000;

    /** What the user did with the card. */
    public enum Outcome {
        ACCEPTED("accepted"), OVERRIDDEN("overridden");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        /** The code as it is written in CDS Hooks. */
        public String code() {
            return code;
        }
    }

    /** A coding (FHIR Coding shape): code and system required, display optional. */
    public record Coding(String code, String system, String display) {
        public Coding {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(system, "system");
        }
    }

    /** Why the card was overridden: a coded reason and/or the user's comment (each may be null). */
    public record OverrideReason(Coding reason, String userComment) {
    }

    /** One feedback item. {@code overrideReason} is null when none was given. */
    public record Feedback(String card, Outcome outcome, List<String> acceptedSuggestions, OverrideReason overrideReason,
                           Instant outcomeTimestamp) {
        public Feedback {
            Objects.requireNonNull(card, "card");
            Objects.requireNonNull(outcome, "outcome");
            acceptedSuggestions = List.copyOf(acceptedSuggestions);
            Objects.requireNonNull(outcomeTimestamp, "outcomeTimestamp");
        }
    }

    /** One thing wrong with the body: the JSON path of the field and the reason. */
    public record FieldError(String field, String reason) {
    }

    /** The items read, or (when {@code errors} is not empty) none and what is wrong. */
    public record Parsed(List<Feedback> feedback, List<FieldError> errors) {
        public Parsed {
            feedback = List.copyOf(feedback);
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private FeedbackRequest() {
    }

    /** Reads a feedback body (null or a missing node is an error, as is anything but an object). */
    public static Parsed parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || body.isMissingNode() || body.isNull()) {
            return refused(new FieldError("(body)", "the feedback body is empty; an object with a feedback array is needed"));
        }
        if (!body.isObject()) {
            return refused(new FieldError("(body)", "the feedback body must be a JSON object with a feedback array, got " + kind(body)));
        }
        JsonNode items = body.get("feedback");
        if (items == null || items.isNull()) {
            return refused(new FieldError("feedback", "required: an array of feedback items"));
        }
        if (!items.isArray()) {
            return refused(new FieldError("feedback", "must be an array of feedback items, got " + kind(items)));
        }
        if (items.isEmpty()) {
            return refused(new FieldError("feedback", "must hold at least one feedback item"));
        }
        if (items.size() > MAX_ITEMS) {
            return refused(new FieldError("feedback", "at most " + MAX_ITEMS + " feedback items are taken per call, got " + items.size()
                    + "; send them in several calls"));
        }
        List<Feedback> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Feedback f = item(items.get(i), "feedback[" + i + "]", errors);
            if (f != null) {
                out.add(f);
            }
        }
        return errors.isEmpty() ? new Parsed(out, List.of()) : new Parsed(List.of(), errors);
    }

    private static Parsed refused(FieldError e) {
        return new Parsed(List.of(), List.of(e));
    }

    private static Feedback item(JsonNode node, String path, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError(path, "must be an object, got " + kind(node)));
            return null;
        }
        int before = errors.size();
        String card = text(node, "card", path, true, MAX_CARD_LENGTH, errors);
        if (card != null && RequestIds.problem(card) != null) {
            errors.add(new FieldError(path + ".card", RequestIds.problem(card)));
            card = null;
        }

        Outcome outcome = null;
        String outcomePath = path + ".outcome";
        JsonNode o = node.get("outcome");
        if (o == null || o.isNull()) {
            errors.add(new FieldError(outcomePath, "required: accepted or overridden"));
        } else if (!o.isTextual()) {
            errors.add(new FieldError(outcomePath, "must be the text accepted or overridden, got " + kind(o)));
        } else if (o.asText().equals("accepted")) {
            outcome = Outcome.ACCEPTED;
        } else if (o.asText().equals("overridden")) {
            outcome = Outcome.OVERRIDDEN;
        } else {
            errors.add(new FieldError(outcomePath, "must be accepted or overridden, got \"" + shorten(o.asText()) + "\""));
        }

        List<String> accepted = new ArrayList<>();
        JsonNode s = node.get("acceptedSuggestions");
        String sPath = path + ".acceptedSuggestions";
        if (s != null && !s.isNull()) {
            if (!s.isArray()) {
                errors.add(new FieldError(sPath, "must be an array of {\"id\": ...} objects, got " + kind(s)));
            } else if (outcome == Outcome.OVERRIDDEN && !s.isEmpty()) {
                errors.add(new FieldError(sPath, "is only for the outcome accepted; this card was overridden"));
            } else {
                for (int j = 0; j < s.size(); j++) {
                    JsonNode one = s.get(j);
                    String p = sPath + "[" + j + "]";
                    if (!one.isObject()) {
                        errors.add(new FieldError(p, "must be an object with the suggestion's id, got " + kind(one)));
                        continue;
                    }
                    String id = text(one, "id", p, true, MAX_TEXT_LENGTH, errors);
                    if (id != null) {
                        accepted.add(id);
                    }
                }
            }
        }

        OverrideReason overrideReason = null;
        JsonNode r = node.get("overrideReason");
        String rPath = path + ".overrideReason";
        if (r != null && !r.isNull()) {
            if (!r.isObject()) {
                errors.add(new FieldError(rPath, "must be an object with a reason and/or a userComment, got " + kind(r)));
            } else if (outcome == Outcome.ACCEPTED && !r.isEmpty()) {
                errors.add(new FieldError(rPath, "is only for the outcome overridden; this card was accepted"));
            } else {
                Coding reason = null;
                JsonNode c = r.get("reason");
                String cPath = rPath + ".reason";
                if (c != null && !c.isNull()) {
                    if (!c.isObject()) {
                        errors.add(new FieldError(cPath, "must be a Coding object (code, system, display), got " + kind(c)));
                    } else {
                        String code = text(c, "code", cPath, true, MAX_TEXT_LENGTH, errors);
                        String system = text(c, "system", cPath, true, MAX_TEXT_LENGTH, errors);
                        String display = text(c, "display", cPath, false, MAX_TEXT_LENGTH, errors);
                        if (code != null && system != null) {
                            reason = new Coding(code, system, display);
                        }
                    }
                }
                String comment = text(r, "userComment", rPath, false, MAX_COMMENT_LENGTH, errors);
                if (reason != null || comment != null) {
                    overrideReason = new OverrideReason(reason, comment);
                }
            }
        }

        Instant at = null;
        JsonNode t = node.get("outcomeTimestamp");
        String tPath = path + ".outcomeTimestamp";
        if (t == null || t.isNull()) {
            errors.add(new FieldError(tPath, "required: when the user acted, as an ISO-8601 instant with an offset (e.g. 2026-03-01T10:15:30Z)"));
        } else if (!t.isTextual()) {
            errors.add(new FieldError(tPath, "must be an ISO-8601 instant as text (e.g. 2026-03-01T10:15:30Z), got " + kind(t)));
        } else {
            try {
                at = OffsetDateTime.parse(t.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(tPath, "not an ISO-8601 instant with an offset (e.g. 2026-03-01T10:15:30Z): \""
                        + shorten(t.asText()) + "\""));
            }
        }

        if (errors.size() > before) {
            return null;
        }
        return new Feedback(card, outcome, accepted, overrideReason, at);
    }

    /** A text field: null when absent (an error when required), an error when not text, blank or too long. */
    private static String text(JsonNode parent, String name, String parentPath, boolean required, int max, List<FieldError> errors) {
        JsonNode v = parent.get(name);
        String path = parentPath + "." + name;
        if (v == null || v.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "required"));
            }
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(path, "must be text, got " + kind(v)));
            return null;
        }
        String s = v.asText();
        if (s.isBlank()) {
            errors.add(new FieldError(path, "must not be blank"));
            return null;
        }
        if (s.length() > max) {
            errors.add(new FieldError(path, "has " + s.length() + " characters; at most " + max + " are taken"));
            return null;
        }
        return s;
    }

    private static String kind(JsonNode n) {
        if (n.isTextual()) {
            return "text";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isObject()) {
            return "an object";
        }
        return "null";
    }

    private static String shorten(String s) {
        return org.evidencecds.profile.Quote.cut(s);
    }
}
