package org.evidencecds.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.KnowledgeLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The forest fragment rendered by Thymeleaf, as the pages render it: accessible, unique ids, no inline style, legible text. */
class ForestFragmentTest {

    private static EvidenceFacade facade;
    private static SpringTemplateEngine engine;

    @BeforeAll
    static void load() {
        facade = new EvidenceFacade(KnowledgeLoader.load(Path.of("evidence"), Path.of("rules")));
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ForestFragmentTest.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    private static String render(List<ForestPlotView> plots) {
        // a German locale must not turn the coordinates' decimal point into a comma
        return engine.process("forest-test", new Context(Locale.GERMANY, Map.of("plots", plots)));
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Element root, String tag) {
        NodeList list = root.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    @Test
    void theUlcerHealingPlotDrawsItsAxisRowsAndSides() throws Exception {
        ForestPlotView plot = ForestPlotsTest.plot(facade, ForestPlotsTest.issuePatient(facade), "dfu-cell-therapy", "ulcer-healing");
        String html = render(List.of(plot));
        Element root = parse(html).getDocumentElement();

        Element figure = elements(root, "figure").get(0);
        assertThat(figure.getAttribute("id")).isEqualTo("plot-dfu-cell-therapy-ulcer-healing");
        assertThat(figure.getAttribute("class")).isEqualTo("forest");
        Element svg = elements(figure, "svg").get(0);
        assertThat(svg.getAttribute("viewBox")).isEqualTo("0 0 360 " + ForestPlotView.Geometry.text(plot.height()));
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        assertThat(svg.getAttribute("aria-labelledby")).isEqualTo("plot-dfu-cell-therapy-ulcer-healing-title");
        assertThat(svg.getAttribute("aria-describedby")).isEqualTo("plot-dfu-cell-therapy-ulcer-healing-desc");
        Element title = elements(svg, "title").get(0);
        assertThat(title.getAttribute("id")).isEqualTo(svg.getAttribute("aria-labelledby"));
        assertThat(title.getTextContent()).isEqualTo("Forest plot: Complete ulcer healing, odds ratio");
        Element desc = elements(svg, "desc").get(0);
        assertThat(desc.getAttribute("id")).isEqualTo(svg.getAttribute("aria-describedby"));
        assertThat(desc.getTextContent()).contains("OR 4.64 (95% CI 3.11 to 6.90)");
        assertThat(elements(figure, "figcaption").get(0).getTextContent())
                .startsWith("Odds ratio, log scale; the overall estimate and the subgroups that apply to this patient");

        List<String> texts = elements(svg, "text").stream().map(Element::getTextContent).toList();
        assertThat(texts).contains("← Favours control", "Favours cell therapy →", "Odds ratio (log scale)", "1", "2", "5", "10",
                "All included trials", "4.64 [3.11, 6.90]", "8.33 (no CI published)");
        // the line of no effect is dashed, and at x of 1
        Element noEffect = elements(svg, "line").stream().filter(l -> l.getAttribute("class").equals("forest-no-effect")).findFirst().orElseThrow();
        assertThat(noEffect.getAttribute("stroke-dasharray")).isNotBlank();
        assertThat(Double.parseDouble(noEffect.getAttribute("x1"))).isEqualTo(plot.axis().noEffectX());
        // markers: a diamond for the overall estimate, a circle for the subgroup; the direction-only claim has neither
        assertThat(elements(svg, "g").stream().filter(g -> g.getAttribute("class").contains("forest-overall"))).singleElement()
                .satisfies(g -> {
                    assertThat(g.getAttribute("class")).contains("forest-headline");
                    assertThat(elements(g, "polygon")).hasSize(1);
                    assertThat(elements(g, "line")).hasSize(1);
                });
        assertThat(elements(svg, "g").stream().filter(g -> g.getAttribute("class").contains("forest-subgroup"))).singleElement()
                .satisfies(g -> assertThat(elements(g, "circle")).hasSize(1));
        assertThat(elements(svg, "g").stream().filter(g -> g.getAttribute("class").contains("forest-direction-only"))).singleElement()
                .satisfies(g -> {
                    assertThat(elements(g, "line")).isEmpty();
                    assertThat(elements(g, "polygon")).isEmpty();
                    assertThat(elements(g, "circle")).isEmpty();
                    assertThat(g.getTextContent()).contains("Direction only: larger benefit");
                });
        assertLegibleAndStyleFree(html, root);
    }

    @Test
    void everyPlotOfAReportRendersWithUniqueIdsAndNoInlineStyle() throws Exception {
        EvidenceReport both = facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-2", "hba1cPercent", 8.5, "footUlcer", "yes",
                "ulcerAreaCm2", 12)));
        List<ForestPlotView> plots = ForestPlotsTest.plots(facade.knowledge(), both);
        String html = render(plots);
        Element root = parse(html).getDocumentElement();
        assertThat(elements(root, "svg")).hasSize(plots.size());
        List<String> ids = new ArrayList<>();
        NodeList all = root.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String id = ((Element) all.item(i)).getAttribute("id");
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        assertThat(ids).hasSize(3 * plots.size()).doesNotHaveDuplicates();
        for (Element svg : elements(root, "svg")) {
            assertThat(svg.getAttribute("viewBox")).matches("0 0 360 [0-9.]+");
            assertThat(ids).contains(svg.getAttribute("aria-labelledby"), svg.getAttribute("aria-describedby"));
            assertThat(elements(svg, "title")).singleElement().satisfies(t -> assertThat(t.getTextContent()).startsWith("Forest plot: "));
            List<String> texts = elements(svg, "text").stream().map(Element::getTextContent).toList();
            assertThat(texts).anyMatch(t -> t.contains("cell therapy") || t.contains("baseline"));
        }
        assertLegibleAndStyleFree(html, root);
    }

    /** No style attribute or element (the CSP blocks them), every text at least 12 units, coordinates with a decimal point. */
    private static void assertLegibleAndStyleFree(String html, Element root) {
        assertThat(html).doesNotContain("style=").doesNotContainIgnoringCase("<style");
        assertThat(elements(root, "text")).isNotEmpty().allSatisfy(t -> {
            assertThat(t.getAttribute("font-size")).isNotEmpty();
            assertThat(Double.parseDouble(t.getAttribute("font-size"))).isGreaterThanOrEqualTo(12);
            assertThat(t.getAttribute("x")).matches("[0-9]+(\\.[0-9])?");
            assertThat(t.getAttribute("y")).matches("[0-9]+(\\.[0-9])?");
        });
        assertThat(elements(root, "line")).isNotEmpty().allSatisfy(l -> {
            for (String a : List.of("x1", "y1", "x2", "y2")) {
                assertThat(l.getAttribute(a)).matches("[0-9]+(\\.[0-9])?");
            }
        });
    }
}
