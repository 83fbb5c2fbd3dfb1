package org.evidencecds.facade;

import static org.evidencecds.cache.Sizes.list;
import static org.evidencecds.cache.Sizes.map;
import static org.evidencecds.cache.Sizes.object;
import static org.evidencecds.cache.Sizes.string;
import static org.evidencecds.cache.Sizes.stringList;
import static org.evidencecds.cache.Sizes.strings;
import static org.evidencecds.cache.Sizes.value;

import org.evidencecds.certainty.Certainty;
import org.evidencecds.certainty.Credibility;
import org.evidencecds.rules.Evaluation;

/**
 * The estimated heap bytes of one cached answer (the rules' evaluation and the report built from it), for
 * the answer cache's byte bound. Counted from the number of packs, dimensions, findings, caveats and fired
 * rules and the lengths of their strings (see {@link org.evidencecds.cache.Sizes}). It lands near the
 * length of the report's JSON, which writes the same strings once each plus names and punctuation: the
 * issue measured about 46 KB of heap per answer for 57-62 KB of JSON.
 */
final class AnswerWeight {

    private AnswerWeight() {
    }

    static long of(Evaluation e, EvidenceReport r) {
        return object(2) + evaluation(e) + report(r);
    }

    static long evaluation(Evaluation e) {
        // the collector's seven lists; rule metadata maps are the rule's own (shared), so only referenced
        long n = object(7) + 7L * list(java.util.List.of());
        n += list(e.firedRules());
        for (Evaluation.Fired f : e.firedRules()) {
            n += object(2) + string(f.rule());
        }
        for (Evaluation.LevelMatch l : e.levels()) {
            n += object(6) + strings(l.pack(), l.dimension(), l.level(), l.field(), l.rule()) + 4;
        }
        for (Evaluation.DimensionStatus s : e.statuses()) {
            n += object(6) + strings(s.pack(), s.dimension(), s.field(), s.status(), s.rule()) + value(s.value()) + 4;
        }
        for (Evaluation.Caveat c : e.caveats()) {
            n += object(4) + strings(c.pack(), c.code(), c.text(), c.rule()) + 4;
        }
        for (Evaluation.Headline h : e.headlines()) {
            n += object(5) + strings(h.pack(), h.outcome(), h.findingId(), h.why(), h.rule()) + 4;
        }
        for (Evaluation.ProtocolShown p : e.protocols()) {
            n += object(3) + strings(p.pack(), p.protocolId(), p.rule()) + 4;
        }
        for (Evaluation.HarmsShown h : e.harms()) {
            n += object(2) + strings(h.pack(), h.rule()) + 4;
        }
        return n;
    }

    static long report(EvidenceReport r) {
        long n = object(5) + strings(r.knowledgeVersion(), r.notice()) + map(r.profile()) + list(r.packs()) + list(r.outsidePopulation());
        for (EvidenceReport.OutsidePopulation o : r.outsidePopulation()) {
            n += object(4) + strings(o.pack(), o.title()) + stringList(o.reasons());
        }
        for (EvidenceReport.PackReport p : r.packs()) {
            n += pack(p);
        }
        return n;
    }

    private static long pack(EvidenceReport.PackReport p) {
        long n = object(14) + strings(p.pack(), p.version(), p.title(), p.review(), p.reviewShortCitation(), p.reviewDoi(),
                p.protocolSummary());
        n += list(p.dimensions());
        for (EvidenceReport.DimensionResult d : p.dimensions()) {
            n += object(15) + strings(d.dimension(), d.name(), d.field(), d.unit(), d.status(), d.level(), d.levelLabel(), d.interval(),
                    d.levelBasis(), d.rule(), d.fieldLabel(), d.inputText(), d.statusText()) + value(d.input()) + stringList(d.evidence());
        }
        n += list(p.inputsWithoutEvidence());
        for (EvidenceReport.InputWithoutEvidence w : p.inputsWithoutEvidence()) {
            n += object(7) + strings(w.field(), w.status(), w.rule(), w.label(), w.inputText(), w.statusText()) + value(w.input());
        }
        n += list(p.protocols());
        for (EvidenceReport.ProtocolView v : p.protocols()) {
            n += object(11) + strings(v.id(), v.basis(), v.source(), v.shortCitation(), v.locator(), v.snippet(), v.credibility(),
                    v.statement(), v.rule()) + stringList(v.reasons()) + list(v.elements());
            for (EvidenceReport.ProtocolElement el : v.elements()) {
                n += object(8) + strings(el.dimension(), el.name(), el.level(), el.label(), el.range(), el.credibility(), el.why())
                        + stringList(el.supportingFindings());
            }
        }
        n += list(p.outcomes());
        for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
            n += object(7) + strings(o.outcome(), o.name(), o.benefit(), o.headlineFinding(), o.headlineWhy()) + list(o.findings());
            for (EvidenceReport.FindingView f : o.findings()) {
                n += finding(f);
            }
        }
        EvidenceReport.Harms h = p.harms();
        if (h != null) {
            n += object(6) + strings(h.statement(), h.rule()) + stringList(h.outcomes()) + list(h.claims()) + list(h.trialStatements());
            for (EvidenceReport.FindingView f : h.claims()) {
                n += finding(f);
            }
            for (EvidenceReport.TrialStatement t : h.trialStatements()) {
                n += object(6) + strings(t.study(), t.timepoint(), t.text(), t.source(), t.locator(), t.status());
            }
        }
        n += list(p.caveats());
        for (EvidenceReport.Caveat c : p.caveats()) {
            n += object(3) + strings(c.code(), c.text()) + stringList(c.rules());
        }
        n += list(p.firedRules());
        for (EvidenceReport.FiredRule f : p.firedRules()) {
            // the report copies each rule's metadata into its own sorted map
            n += object(2) + string(f.rule()) + map(f.metadata());
        }
        return n;
    }

    private static long finding(EvidenceReport.FindingView f) {
        long n = object(27) + strings(f.id(), f.role(), f.slice(), f.origin(), f.measure(), f.estimateText(), f.ciLowText(), f.ciHighText(),
                f.unit(), f.effect(), f.pValue(), f.direction(), f.citation(), f.shortCitation(), f.doi(), f.locator(), f.rule(), f.snippet(),
                f.comparison()) + value(f.estimate()) + value(f.ciLow()) + value(f.ciHigh()) + value(f.k()) + value(f.n());
        Certainty c = f.certainty();
        if (c != null) {
            n += object(8) + strings(c.notRatedBecause(), c.statement(), c.summary()) + list(c.domains());
            if (c.start() != null) {
                n += object(2) + string(c.start().reason());
            }
            for (Certainty.Domain d : c.domains()) {
                n += object(5) + strings(d.code(), d.name(), d.reason());
            }
        }
        Credibility cr = f.credibility();
        if (cr != null) {
            n += object(3) + string(cr.summary()) + list(cr.items());
            for (Credibility.Item i : cr.items()) {
                n += object(3) + strings(i.question(), i.reason());
            }
        }
        return n;
    }
}
