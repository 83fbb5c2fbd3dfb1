package org.evidencecds.web;

import com.fasterxml.jackson.core.JsonParser;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How request bodies are read: a key twice in one object is refused (400 "duplicate key '...'", see
 * {@link JsonErrors}) instead of the last value silently winning, so {@code {"ulcerAreaCm2": 2000, "ulcerAreaCm2": 5}}
 * is never evaluated as 5.
 */
@Configuration
public class JsonInputConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictDuplicateDetection() {
        return builder -> builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
