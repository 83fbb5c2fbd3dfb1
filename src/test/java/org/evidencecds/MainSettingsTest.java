package org.evidencecds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Settings alone start the web application, list settings with an index included. */
class MainSettingsTest {

    @Test
    void settingsAreRecognisedWithListIndices() {
        assertThat(Main.isSetting("--server.port=8091")).isTrue();
        assertThat(Main.isSetting("--cds-hooks.clients[0].issuer=https://ehr.example.org")).isTrue();
        assertThat(Main.isSetting("--cds-hooks.clients[12].jku-allowed=https://ehr.example.org/keys/")).isTrue();
        assertThat(Main.isSetting("--pack")).isFalse();
        assertThat(Main.isSetting("--ulcer-area-cm2=12")).as("a CLI option, not a dotted setting").isFalse();
    }
}
