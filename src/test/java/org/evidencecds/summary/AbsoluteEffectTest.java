package org.evidencecds.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Absolute effects against hand calculations: risk with therapy = OR·p / (1 − p + OR·p) for an odds ratio,
 * RR·p for a risk ratio; the CI limits are the same formula at the ratio's CI limits; per 1,000 rounded.
 */
class AbsoluteEffectTest {

    @Test
    void oddsRatioOfUlcerHealingAtAnAssumedRiskOf40Percent() {
        // by hand: 4.64 × 0.4 = 1.856; 1.856 / (0.6 + 1.856) = 0.75570 → 756 per 1,000, 356 more
        //          3.11 × 0.4 = 1.244; 1.244 / 1.844 = 0.67462 → 675, 275 more
        //          6.90 × 0.4 = 2.760; 2.760 / 3.360 = 0.82143 → 821, 421 more
        AbsoluteEffect a = AbsoluteEffect.of("OR", 0.40, 4.64, 3.11, 6.90);
        assertThat(a.risk()).isCloseTo(0.755700, within(1e-6));
        assertThat(a.riskLow()).isCloseTo(0.674620, within(1e-6));
        assertThat(a.riskHigh()).isCloseTo(0.821429, within(1e-6));
        assertThat(a.controlPer1000()).isEqualTo(400);
        assertThat(a.riskPer1000()).isEqualTo(756);
        assertThat(a.differencePer1000()).isEqualTo(356);
        assertThat(a.differenceLowPer1000()).isEqualTo(275);
        assertThat(a.differenceHighPer1000()).isEqualTo(421);
    }

    @Test
    void oddsRatioOfAmputationBelowOneGivesFewerEvents() {
        // by hand: 0.29 × 0.2 = 0.058; 0.058 / 0.858 = 0.067599 → 68, 132 fewer
        //          0.18 × 0.2 = 0.036; 0.036 / 0.836 = 0.043062 → 43, 157 fewer
        //          0.49 × 0.2 = 0.098; 0.098 / 0.898 = 0.109131 → 109, 91 fewer
        AbsoluteEffect a = AbsoluteEffect.of("OR", 0.20, 0.29, 0.18, 0.49);
        assertThat(a.riskPer1000()).isEqualTo(68);
        assertThat(a.differencePer1000()).isEqualTo(-132);
        assertThat(a.differenceLowPer1000()).isEqualTo(-157);
        assertThat(a.differenceHighPer1000()).isEqualTo(-91);
    }

    @Test
    void riskRatioMultipliesAndIsCappedAtCertainty() {
        AbsoluteEffect a = AbsoluteEffect.of("RR", 0.30, 1.5, 1.2, 1.9);
        assertThat(a.riskPer1000()).isEqualTo(450);
        assertThat(AbsoluteEffect.per1000(a.riskLow())).isEqualTo(360);
        assertThat(AbsoluteEffect.per1000(a.riskHigh())).isEqualTo(570);
        assertThat(AbsoluteEffect.of("RR", 0.5, 4.0, null, null).risk()).isEqualTo(1.0);
    }

    @Test
    void noCiMeansNoCiLimits() {
        AbsoluteEffect a = AbsoluteEffect.of("OR", 0.40, 8.33, null, null);
        assertThat(a.riskLow()).isNull();
        assertThat(a.differenceLowPer1000()).isNull();
    }

    @Test
    void refusesWhatHasNoAbsoluteEffect() {
        assertThatThrownBy(() -> AbsoluteEffect.of("MD", 0.4, 1.0, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbsoluteEffect.of("OR", 1.2, 1.0, null, null)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> AbsoluteEffect.of("OR", 0.2, 0.0, null, null)).hasMessageContaining("positive");
    }
}
