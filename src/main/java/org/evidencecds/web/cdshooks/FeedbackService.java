package org.evidencecds.web.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.evidencecds.audit.CardLedger;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.web.AuditRecorder;
import org.springframework.stereotype.Service;

/**
 * CDS Hooks feedback: accepted only for cards this service issued (the card ledger), all items or none;
 * each item is kept in the tamper-evident audit log with the request and the findings behind its card,
 * the outcome, the override reason (a Coding) and the clinician's comment.
 */
@Service
public class FeedbackService {

    private final CardLedger ledger;
    private final AuditRecorder audit;
    private final EvidenceFacade facade;
    private final Clock clock;

    public FeedbackService(CardLedger ledger, AuditRecorder audit, EvidenceFacade facade, Clock clock) {
        this.ledger = ledger;
        this.audit = audit;
        this.facade = facade;
        this.clock = clock;
    }

    /** What was wrong: the status to answer with and each field's problem; empty when everything was recorded. */
    public record Refusal(int status, String title, List<Map<String, String>> errors) {
    }

    Optional<Refusal> record(String serviceId, JsonNode body, String client) {
        FeedbackRequest.Parsed parsed = FeedbackRequest.parse(body);
        if (!parsed.ok()) {
            return Optional.of(new Refusal(400, "Invalid feedback", parsed.errors().stream()
                    .map(e -> Map.of("field", e.field(), "reason", e.reason())).toList()));
        }
        List<Map<String, String>> unknown = new ArrayList<>();
        List<CardLedger.IssuedCard> cards = new ArrayList<>();
        for (int i = 0; i < parsed.feedback().size(); i++) {
            String uuid = parsed.feedback().get(i).card();
            Optional<CardLedger.IssuedCard> card = ledger.find(uuid).filter(c -> c.service().equals(serviceId));
            if (card.isEmpty()) {
                unknown.add(Map.of("field", "feedback[" + i + "].card", "reason", "no card '" + uuid + "' was issued by " + serviceId));
            } else {
                cards.add(card.get());
            }
        }
        if (!unknown.isEmpty()) {
            return Optional.of(new Refusal(404, "Unknown card", unknown));
        }
        for (int i = 0; i < cards.size(); i++) {
            FeedbackRequest.Feedback f = parsed.feedback().get(i);
            CardLedger.IssuedCard card = cards.get(i);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("service", serviceId);
            record.put("card", f.card());
            record.put("request", card.requestId());
            record.put("findings", card.finding() == null || card.finding().isEmpty() ? List.of() : List.of(card.finding().split(";")));
            ledger.auditRowId(f.card()).ifPresent(row -> record.put("auditRow", row));
            record.put("outcome", f.outcome().code());
            if (!f.acceptedSuggestions().isEmpty()) {
                record.put("acceptedSuggestions", f.acceptedSuggestions());
            }
            if (f.overrideReason() != null) {
                Map<String, Object> reason = new LinkedHashMap<>();
                if (f.overrideReason().reason() != null) {
                    FeedbackRequest.Coding c = f.overrideReason().reason();
                    Map<String, Object> coding = new LinkedHashMap<>();
                    coding.put("system", c.system());
                    coding.put("code", c.code());
                    if (c.display() != null) {
                        coding.put("display", c.display());
                    }
                    reason.put("reason", coding);
                }
                if (f.overrideReason().userComment() != null) {
                    reason.put("userComment", f.overrideReason().userComment());
                }
                record.put("overrideReason", reason);
            }
            record.put("outcomeTimestamp", f.outcomeTimestamp().toString());
            record.put("receivedAt", clock.instant().toString());
            if (client != null) {
                record.put("client", client);
            }
            // kept in the tamper-evident audit log, not in memory: it survives restarts and is read with the log
            audit.recordFeedback(f.card(), record, facade.knowledge().version());
        }
        return Optional.empty();
    }
}
