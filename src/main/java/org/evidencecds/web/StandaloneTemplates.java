package org.evidencecds.web;

import java.util.Map;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The page templates rendered outside Spring MVC: error pages written by filters and by Tomcat's error
 * reports, before or after any controller. Same templates, same layout as the MVC views.
 */
final class StandaloneTemplates {

    private static final SpringTemplateEngine ENGINE = engine();

    private StandaloneTemplates() {
    }

    static String render(String template, Map<String, Object> model) {
        Context context = new Context(java.util.Locale.ENGLISH, model);
        return ENGINE.process(template, context);
    }

    private static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(StandaloneTemplates.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
