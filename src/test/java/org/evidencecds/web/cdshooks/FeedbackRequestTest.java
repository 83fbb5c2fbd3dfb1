package org.evidencecds.web.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.evidencecds.web.cdshooks.FeedbackRequest.Coding;
import org.evidencecds.web.cdshooks.FeedbackRequest.Feedback;
import org.evidencecds.web.cdshooks.FeedbackRequest.FieldError;
import org.evidencecds.web.cdshooks.FeedbackRequest.Outcome;
import org.evidencecds.web.cdshooks.FeedbackRequest.OverrideReason;
import org.evidencecds.web.cdshooks.FeedbackRequest.Parsed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedbackRequestTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static Parsed parse(String json) throws Exception {
        return FeedbackRequest.parse(JSON.readTree(json));
    }

    /** The overridden example of the CDS Hooks 2.0 specification (its coded reason; the comment text is ours). */
    @Test
    void theSpecificationsOverriddenExampleIsRead() throws Exception {
        Parsed p = parse("""
                {
                  "feedback": [
                    {
                      "card": "9368d37b-283f-44a0-93ea-547cebab93ed",
                      "outcome": "overridden",
                      "overrideReason": {
                        "reason": {
                          "code": "reason-code-provided-by-service",
                          "system": "http://example.org/cds-services/fhir/CodeSystem/override-reasons",
                          "display": "Patient refused"
                        },
                        "userComment": "Patient stated they do not want to receive cell therapy at this time."
                      },
                      "outcomeTimestamp": "2020-12-11T00:00:00Z"
                    }
                  ]
                }""");
        assertTrue(p.ok(), p.errors().toString());
        assertEquals(List.of(new Feedback("9368d37b-283f-44a0-93ea-547cebab93ed", Outcome.OVERRIDDEN, List.of(),
                new OverrideReason(new Coding("reason-code-provided-by-service",
                        "http://example.org/cds-services/fhir/CodeSystem/override-reasons", "Patient refused"),
                        "Patient stated they do not want to receive cell therapy at this time."),
                Instant.parse("2020-12-11T00:00:00Z"))), p.feedback());
    }

    @Test
    void acceptedWithSuggestionsAndSeveralItemsAreRead() throws Exception {
        Parsed p = parse("""
                {
                  "hookInstance": "ignored-unknown-field",
                  "feedback": [
                    {
                      "card": "4e0a3a1e-3283-4575-ab82-028d55fe2719",
                      "outcome": "accepted",
                      "acceptedSuggestions": [ { "id": "e56e1945-20b3-4393-8503-a1a20fd73152" } ],
                      "outcomeTimestamp": "2026-03-01T10:15:30.250+01:00",
                      "extension": { "com.example.ehr.screen": "ulcer-clinic" }
                    },
                    {
                      "card": "0b9c2f4e-5a1d-4c55-9d8e-2f6f0a7d3b11",
                      "outcome": "accepted",
                      "outcomeTimestamp": "2026-03-01T09:15:31Z"
                    },
                    {
                      "card": "7e0d8a4c-1f2b-4e3a-8c9d-0a1b2c3d4e5f",
                      "outcome": "overridden",
                      "overrideReason": { "userComment": "already referred" },
                      "outcomeTimestamp": "2026-03-01T09:16:00Z"
                    }
                  ]
                }""");
        assertTrue(p.ok(), p.errors().toString());
        assertEquals(3, p.feedback().size());
        Feedback first = p.feedback().get(0);
        assertEquals(List.of("e56e1945-20b3-4393-8503-a1a20fd73152"), first.acceptedSuggestions());
        assertEquals(Instant.parse("2026-03-01T09:15:30.250Z"), first.outcomeTimestamp(), "the offset is applied");
        assertNull(first.overrideReason());
        assertEquals(List.of(), p.feedback().get(1).acceptedSuggestions());
        assertEquals(new OverrideReason(null, "already referred"), p.feedback().get(2).overrideReason());
        assertEquals("accepted", first.outcome().code());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not an object               | [1, 2]                                 | (body)   | the feedback body must be a JSON object",
            "no feedback                 | {\"cards\": []}                        | feedback | required: an array of feedback items",
            "feedback not an array       | {\"feedback\": {\"card\": \"x\"}}      | feedback | must be an array of feedback items, got an object",
            "feedback a string           | {\"feedback\": \"accepted\"}           | feedback | must be an array of feedback items, got text",
            "empty array                 | {\"feedback\": []}                     | feedback | must hold at least one feedback item",
            "item not an object          | {\"feedback\": [42]}                   | feedback[0] | must be an object, got a number",
            "card a number               | {\"feedback\": [{\"card\": 12345, \"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].card | must be text, got a number",
            "card missing                | {\"feedback\": [{\"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].card | required",
            "card too long               | {\"feedback\": [{\"card\": \"0b9c2f4e-5a1d-4c55-9d8e-2f6f0a7d3b11-and-more\", \"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].card | has 45 characters; at most 36 are taken",
            "outcome maybe               | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"maybe\", \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].outcome | must be accepted or overridden, got \"maybe\"",
            "outcome upper case          | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"ACCEPTED\", \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].outcome | must be accepted or overridden, got \"ACCEPTED\"",
            "outcome missing             | {\"feedback\": [{\"card\": \"c\", \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].outcome | required: accepted or overridden",
            "timestamp yesterday         | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"accepted\", \"outcomeTimestamp\": \"yesterday\"}]} | feedback[0].outcomeTimestamp | not an ISO-8601 instant with an offset",
            "timestamp without offset    | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-03-01T10:00:00\"}]} | feedback[0].outcomeTimestamp | not an ISO-8601 instant with an offset",
            "timestamp a date            | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-03-01\"}]} | feedback[0].outcomeTimestamp | not an ISO-8601 instant with an offset",
            "timestamp epoch number      | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"accepted\", \"outcomeTimestamp\": 1767225600}]} | feedback[0].outcomeTimestamp | must be an ISO-8601 instant as text",
            "timestamp missing           | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"accepted\"}]} | feedback[0].outcomeTimestamp | required",
            "reason without system       | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"overridden\", \"overrideReason\": {\"reason\": {\"code\": \"x\"}}, \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].overrideReason.reason.system | required",
            "reason a string             | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"overridden\", \"overrideReason\": {\"reason\": \"refused\"}, \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].overrideReason.reason | must be a Coding object",
            "comment a number            | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"overridden\", \"overrideReason\": {\"userComment\": 5}, \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].overrideReason.userComment | must be text, got a number",
            "override reason on accepted | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"accepted\", \"overrideReason\": {\"userComment\": \"no\"}, \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].overrideReason | is only for the outcome overridden",
            "suggestions on overridden   | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"overridden\", \"acceptedSuggestions\": [{\"id\": \"s\"}], \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].acceptedSuggestions | is only for the outcome accepted",
            "suggestion without id       | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"accepted\", \"acceptedSuggestions\": [{\"label\": \"s\"}], \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].acceptedSuggestions[0].id | required",
            "suggestions not an array    | {\"feedback\": [{\"card\": \"c\", \"outcome\": \"accepted\", \"acceptedSuggestions\": \"s\", \"outcomeTimestamp\": \"2026-03-01T10:00:00Z\"}]} | feedback[0].acceptedSuggestions | must be an array",
    })
    void hostileBodiesAreRefusedNamingTheField(String name, String body, String field, String reason) throws Exception {
        Parsed p = parse(body);
        assertFalse(p.ok(), name);
        assertEquals(List.of(), p.feedback(), "nothing is taken from a refused call");
        FieldError e = p.errors().get(0);
        assertEquals(field, e.field(), p.errors().toString());
        assertTrue(e.reason().startsWith(reason), e.reason());
    }

    @Test
    void everyErrorIsNamedAndOneBadItemRefusesTheCall() throws Exception {
        Parsed p = parse("""
                {"feedback": [
                  {"card": "0b9c2f4e-5a1d-4c55-9d8e-2f6f0a7d3b11", "outcome": "accepted", "outcomeTimestamp": "2026-03-01T10:00:00Z"},
                  {"card": 7, "outcome": "maybe", "outcomeTimestamp": "yesterday"}
                ]}""");
        assertFalse(p.ok());
        assertEquals(List.of(), p.feedback());
        assertEquals(List.of("feedback[1].card", "feedback[1].outcome", "feedback[1].outcomeTimestamp"),
                p.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void nullAndEmptyBodiesAreRefused() throws Exception {
        assertEquals("(body)", FeedbackRequest.parse(null).errors().get(0).field());
        assertEquals("(body)", parse("null").errors().get(0).field());
        assertEquals("feedback", parse("{\"feedback\": null}").errors().get(0).field());
    }

    @Test
    void aHundredItemsAreTakenAndMoreAreRefusedWithTheLimitNamed() {
        assertTrue(FeedbackRequest.parse(items(FeedbackRequest.MAX_ITEMS)).ok());
        Parsed tooMany = FeedbackRequest.parse(items(10_000));
        assertFalse(tooMany.ok());
        assertEquals(List.of(new FieldError("feedback",
                "at most 100 feedback items are taken per call, got 10000; send them in several calls")), tooMany.errors());
        assertFalse(FeedbackRequest.parse(items(101)).ok());
    }

    @Test
    void anOverlongCommentIsRefused() throws Exception {
        ObjectNode body = (ObjectNode) items(1);
        ObjectNode item = (ObjectNode) body.get("feedback").get(0);
        item.put("outcome", "overridden");
        item.putObject("overrideReason").put("userComment", "x".repeat(FeedbackRequest.MAX_COMMENT_LENGTH + 1));
        Parsed p = FeedbackRequest.parse(body);
        assertEquals("feedback[0].overrideReason.userComment", p.errors().get(0).field());
        assertEquals("has 4001 characters; at most 4000 are taken", p.errors().get(0).reason());
    }

    static JsonNode items(int n) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode a = body.putArray("feedback");
        for (int i = 0; i < n; i++) {
            a.addObject().put("card", String.format("00000000-0000-4000-8000-%012d", i)).put("outcome", "accepted")
                    .put("outcomeTimestamp", "2026-03-01T10:00:00Z");
        }
        return body;
    }
}
