package org.evidencecds.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot wiring at the edge: the domain core does not depend on anything in this package. */
@SpringBootApplication
public class WebApplication {

    /** Starts the server; on evidence that does not load it prints every problem and exits with 2 (see {@link StartupCheck}). */
    public static void start(String[] args) {
        SpringApplication app = new SpringApplication(WebApplication.class);
        app.addListeners(new StartupCheck());
        app.run(args);
    }
}
