package org.evidencecds.web;

import java.util.List;
import java.util.Set;
import org.evidencecds.findings.EffectText;
import org.evidencecds.profile.FieldText;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A realistic trial-screening form hosting the embeddable panel (a demonstration of the integration;
 * template {@code demo.html}, script {@code /js/demo.js}). Its inputs are made from the field definitions,
 * so labels, units and limits are the ones the server checks; its trials are the bundled protocols.
 */
@Controller
public class DemoController {

    /** The details a diabetic-foot-ulcer screening form asks for: what the bundled trials and the DFU evidence use. */
    static final Set<String> FIELDS = Set.of("ulcerAreaCm2", "diabetesDurationYears", "ulcerDurationDays", "ageYears", "diabetesType",
            "wagnerGrade", "abi", "tcpo2MmHg", "hba1cPercent");

    private final LiveKnowledge live;

    public DemoController(LiveKnowledge live) {
        this.live = live;
    }

    /**
     * One input of the form: {@code label} with the unit, {@code fieldLabel} without it (for error messages). A
     * numeric one carries its limits for the script's check before sending ({@code min}, {@code max},
     * {@code whole}, {@code limits} in words); a categorical one its options.
     */
    public record Input(String name, String id, String label, String fieldLabel, String inputMode, String min, String max, boolean whole, String limits,
                        List<Option> options) {

        public boolean numeric() {
            return options.isEmpty();
        }

        public String errorId() {
            return id + "-error";
        }
    }

    public record Option(String value, String label) {
    }

    static Input input(ProfileField f) {
        String unit = FieldText.unit(f);
        String label = unit.isEmpty() ? f.label() : f.label() + " (" + unit + ")";
        if (!f.isNumeric()) {
            return new Input(f.name(), "field-" + f.name(), label, f.label(), null, null, null, false, null,
                    f.allowed().stream().map(v -> new Option(v, FieldText.capitalized(FieldText.category(v)))).toList());
        }
        return new Input(f.name(), "field-" + f.name(), label, f.label(), f.wholeNumber() ? "numeric" : "decimal", EffectText.plainAscii(f.min()),
                EffectText.plainAscii(f.max()), f.wholeNumber(), FieldText.between(f), List.of());
    }

    @GetMapping(value = "/demo/screening-form", produces = MediaType.TEXT_HTML_VALUE)
    public String screeningForm(Model model, jakarta.servlet.http.HttpServletResponse response) {
        model.addAttribute("inputs", ProfileSchema.FIELDS.stream().filter(f -> FIELDS.contains(f.name())).map(DemoController::input).toList());
        model.addAttribute("trials", live.screener().protocols().stream().map(p -> new Option(p.id(), p.id() + ": " + p.title())).toList());
        // the pages' policy: it frames /embed, of the same origin, and is framed only by itself
        response.setHeader(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.PAGE);
        return "demo";
    }
}
