package org.evidencecds.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot wiring at the edge: the domain core does not depend on anything in this package. */
@SpringBootApplication
public class WebApplication {

    public static void start(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }
}
