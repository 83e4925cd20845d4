package dev.fnkit.selfhosted;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class KpaDeciderTest {
    private static final long TICK = 2_000;
    /** Half utilisation keeps the arithmetic exact. */
    private static final Autoscaling HALF = Autoscaling.DEFAULTS.with(java.util.Map.of("targetUtilization", "0.5"));

    /** Feeds a constant concurrency for {@code ticks} ticks from {@code start}; returns the last decision. */
    private static ScaleDecision run(KpaDecider decider, long start, int ticks, double concurrency, int ready) {
        ScaleDecision decision = null;
        for (int i = 1; i <= ticks; i++) {
            long now = start + i * TICK;
            decider.record(now - TICK, now, concurrency);
            decision = decider.decide(now, ready, ready);
        }
        return decision;
    }

    @Test
    void stableModeAimsAtTheTargetShareOfTheConcurrencyLimit() {
        KpaDecider decider = new KpaDecider(HALF, 10, 0, 0, 0);
        ScaleDecision decision = run(decider, 0, 30, 10, 2);
        assertThat(decision.desired()).isEqualTo(2);
        assertThat(decision.reason()).isEqualTo("stable");
        assertThat(decision.panic()).isFalse();
        assertThat(decider.target()).isEqualTo(5.0);
    }

    @Test
    void aBurstOverTwiceTheReadyCapacityPanicsAndNeverScalesDownWhilePanicking() {
        KpaDecider decider = new KpaDecider(HALF, 1, 0, 0, 0);
        run(decider, 0, 30, 0.5, 1);
        ScaleDecision burst = run(decider, 60_000, 3, 5, 1);
        assertThat(burst.panic()).isTrue();
        assertThat(burst.reason()).isEqualTo("panic");
        assertThat(burst.desired()).isEqualTo(10);

        ScaleDecision calm = run(decider, 66_000, 5, 0.5, 10);
        assertThat(calm.panic()).isTrue();
        assertThat(calm.desired()).isEqualTo(10);

        ScaleDecision after = run(decider, 76_000, 30, 0.5, 10);
        assertThat(after.panic()).isFalse();
        assertThat(after.desired()).isLessThan(10);
    }

    @Test
    void scaleDownIsBoundedByTheMaxScaleDownRate() {
        KpaDecider decider = new KpaDecider(HALF.withStableWindow(Duration.ofSeconds(6)), 1, 0, 0, 0);
        run(decider, 0, 3, 4, 8);
        ScaleDecision decision = run(decider, 6_000, 3, 0, 8);
        assertThat(decision.desired()).isEqualTo(4);
    }

    @Test
    void scaleUpIsBoundedByTheMaxScaleUpRate() {
        Autoscaling slowUp = HALF.with(java.util.Map.of("maxScaleUpRate", "2"));
        KpaDecider decider = new KpaDecider(slowUp, 1, 0, 0, 0);
        ScaleDecision decision = run(decider, 0, 1, 70, 2);
        assertThat(decision.desired()).isEqualTo(4);
    }

    @Test
    void theLastInstanceStaysForTheGracePeriodThenScalesToZero() {
        Autoscaling settings = HALF.withStableWindow(Duration.ofSeconds(6))
                .withScaleToZeroGrace(Duration.ofSeconds(4));
        KpaDecider decider = new KpaDecider(settings, 10, 0, 0, 0);
        run(decider, 0, 3, 3, 1);
        ScaleDecision idle = run(decider, 6_000, 3, 0, 1);
        assertThat(idle.desired()).isEqualTo(1);
        assertThat(idle.reason()).isEqualTo("scale-to-zero-grace");
        ScaleDecision zero = run(decider, 12_000, 2, 0, 1);
        assertThat(zero.desired()).isZero();
        assertThat(zero.reason()).isEqualTo("scale-to-zero");
    }

    @Test
    void minMaxAndInitialScaleBoundTheDecision() {
        KpaDecider min = new KpaDecider(Autoscaling.DEFAULTS, 10, 2, 0, 0);
        assertThat(run(min, 0, 40, 0, 2).desired()).isEqualTo(2);
        assertThat(run(min, 80_000, 1, 0, 2).reason()).isEqualTo("min-instances");

        KpaDecider max = new KpaDecider(HALF, 1, 0, 3, 0);
        ScaleDecision capped = run(max, 0, 3, 50, 1);
        assertThat(capped.desired()).isEqualTo(3);
        assertThat(capped.reason()).isEqualTo("max-instances");

        KpaDecider initial = new KpaDecider(Autoscaling.DEFAULTS.withInitialScale(2), 10, 0, 0, 0);
        assertThat(run(initial, 0, 5, 0, 2).reason()).isEqualTo("initial-scale");
        assertThat(run(initial, 10_000, 30, 0, 2).desired()).isLessThan(2);
    }

    @Test
    void aManualScaleHoldsForOneStableWindow() {
        KpaDecider decider = new KpaDecider(HALF.withStableWindow(Duration.ofSeconds(6)), 10, 0, 0, 0);
        decider.hold(3, 2_000, "manual");
        ScaleDecision held = run(decider, 2_000, 2, 0, 3);
        assertThat(held.desired()).isEqualTo(3);
        assertThat(held.reason()).isEqualTo("manual");
        assertThat(run(decider, 8_000, 1, 0, 3).desired()).isLessThan(3);
    }

    @Test
    void settingsAreParsedByNameWithPreciseErrors() {
        Autoscaling parsed = Autoscaling.DEFAULTS.with(java.util.Map.of("stableWindow", "10s", "tick", "500ms",
                "scaleToZeroGrace", "PT1S", "panicThreshold", "3"));
        assertThat(parsed.stableWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(parsed.panicWindow()).isEqualTo(Duration.ofSeconds(1));
        assertThat(parsed.tick()).isEqualTo(Duration.ofMillis(500));
        assertThat(parsed.scaleToZeroGrace()).isEqualTo(Duration.ofSeconds(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Autoscaling.DEFAULTS.with(
                java.util.Map.of("window", "1s"))).hasMessageContaining("unknown autoscaling setting 'window'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Autoscaling.DEFAULTS.with(
                java.util.Map.of("tick", "soon"))).hasMessageContaining("tick has the invalid value 'soon'");
    }

    @Test
    void functionSettingsOverrideTheApplicationsOwn() {
        assertThat(Gateway.settingsFor("hello", java.util.Map.of("tick", "1s", "hello.tick", "2s",
                "other.tick", "3s", "stableWindow", "9s")))
                .isEqualTo(java.util.Map.of("tick", "2s", "stableWindow", "9s"));
    }

    @Test
    void concurrencyIsAveragedOverTimeExactly() {
        ConcurrencyMeter meter = new ConcurrencyMeter(0);
        meter.add(0, 2);
        meter.add(500, -1);
        assertThat(meter.sample(1_000)).isEqualTo(1.5);
        assertThat(meter.sample(2_000)).isEqualTo(1.0);
    }
}
