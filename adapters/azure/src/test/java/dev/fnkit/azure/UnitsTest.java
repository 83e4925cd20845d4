package dev.fnkit.azure;

import dev.fnkit.core.LineLogger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small translations: names, routes, TimeSpans, metadata values. */
class UnitsTest {
    @Test
    void azureFunctionNamesMapBackToPortableNames() {
        assertThat(AzureNames.forRoute("echo", 0)).isEqualTo("echo");
        assertThat(AzureNames.forRoute("echo", 1)).isEqualTo("echo_2");
        assertThat(AzureNames.portable("echo_2")).isEqualTo("echo");
        assertThat(AzureNames.portable("raw-orders")).isEqualTo("raw-orders");
    }

    @Test
    void routeTemplatesTranslateToAzureRoutes() {
        assertThat(AzureRoutes.azureRoute("/orders/{id}/lines")).isEqualTo("orders/{id}/lines");
        assertThat(AzureRoutes.azureRoute("/files/{+path}")).isEqualTo("files/{*path}");
        assertThat(AzureRoutes.azureRoute("/echo/")).isEqualTo("echo");
        assertThatThrownBy(() -> AzureRoutes.azureRoute("/")).hasMessageContaining("route '/'");
    }

    @Test
    void routesAreGroupedByTemplateWithHeadForGet() {
        assertThat(AzureRoutes.of(TestApp.application().function("items").orElseThrow())).containsExactly(
                new AzureRoutes.HttpFunction("items", "items/{id}", "/items/{id}", List.of("get", "head", "delete")),
                new AzureRoutes.HttpFunction("items_2", "items", "/items", List.of("post")));
    }

    @Test
    void durationsAreTimeSpans() {
        assertThat(TimeSpans.format(Duration.ofSeconds(10))).isEqualTo("00:00:10");
        assertThat(TimeSpans.format(Duration.ofMinutes(90))).isEqualTo("01:30:00");
        assertThat(TimeSpans.format(Duration.ofDays(2).plusHours(3))).isEqualTo("2.03:00:00");
        assertThat(TimeSpans.format(Duration.ofMillis(250))).isEqualTo("00:00:00.250");
        assertThat(TimeSpans.formatSeconds(Duration.ofMillis(1500))).isEqualTo("00:00:02");
    }

    @Test
    void metadataValuesAreReadAsTheHostSendsThem() {
        assertThat(TriggerMetadata.text("\"2024-05-01T10:00:00+00:00\"")).isEqualTo("2024-05-01T10:00:00+00:00");
        assertThat(TriggerMetadata.text("plain id")).isEqualTo("plain id");
        assertThat(TriggerMetadata.integer("3", 0)).isEqualTo(3);
        assertThat(TriggerMetadata.integer("\"x\"", 7)).isEqualTo(7);
        assertThat(TriggerMetadata.time("\"2024-05-01T10:00:00.1234567\"")).isEqualTo(
                Instant.parse("2024-05-01T10:00:00.1234567Z"));
        assertThat(TriggerMetadata.time("\"2024-05-01T12:00:00+02:00\"")).isEqualTo(
                Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(TriggerMetadata.time("soon")).isNull();
        assertThat(TriggerMetadata.properties("{\"a\":\"x\",\"b\":2,\"c\":{\"d\":true}}"))
                .isEqualTo(Map.of("a", "x", "b", "2", "c", "{\"d\":true}"));
        assertThat(TriggerMetadata.properties("not json")).isEmpty();
    }

    @Test
    void timesAreWrittenAsNewtonsoftDoes() {
        assertThat(Events.newtonsoftTime(Instant.parse("2024-05-01T10:00:00Z"))).isEqualTo("2024-05-01T10:00:00");
        assertThat(Events.newtonsoftTime(Instant.parse("2024-05-01T10:00:00.120Z")))
                .isEqualTo("2024-05-01T10:00:00.12");
        assertThat(Events.dateTimeOffset(Instant.parse("2024-05-01T10:00:00Z")))
                .isEqualTo("\"2024-05-01T10:00:00+00:00\"");
    }

    @Test
    void logLevelsMapToJavaUtilLogging() {
        assertThat(AzureLogger.julLevel(LineLogger.Level.DEBUG)).isEqualTo(java.util.logging.Level.FINE);
        assertThat(AzureLogger.julLevel(LineLogger.Level.WARN)).isEqualTo(java.util.logging.Level.WARNING);
        assertThat(AzureLogger.julLevel(LineLogger.Level.ERROR)).isEqualTo(java.util.logging.Level.SEVERE);
    }
}
