package dev.fnkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnkit.api.Context;
import dev.fnkit.api.FunctionLogger;
import dev.fnkit.api.Provider;
import dev.fnkit.api.TraceContext;
import dev.fnkit.core.InvocationContext;
import dev.fnkit.core.Json;
import dev.fnkit.core.LineLogger;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContextAndLogsTest {
    @Test
    void xRayHeadersBecomeW3cTraceContext() {
        TraceContext trace = XRayTrace.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;"
                + "Sampled=1");
        assertThat(trace.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(trace.parentId()).isEqualTo("53995c3f42cd8ad8");
        assertThat(trace.sampled()).isTrue();
        assertThat(XRayTrace.parse("Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8;Sampled=0;"
                + "Lineage=a87bd80c:1|68fd508a:5").traceparent())
                .isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00");
        assertThat(XRayTrace.parse("Sampled=1; Parent=53995c3f42cd8ad8; Root=1-5759e988-bd862e3fe1be46a994272793")
                .sampled()).isTrue();
        assertThat(XRayTrace.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")).isNull();
        assertThat(XRayTrace.parse("Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")).isNull();
        assertThat(XRayTrace.parse("Root=1-5759e988-bd862e3fe1be46a99427279z;Parent=53995c3f42cd8ad8")).isNull();
        assertThat(XRayTrace.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000")).isNull();
        assertThat(XRayTrace.parse("")).isNull();
        assertThat(XRayTrace.parse(null)).isNull();
    }

    @Test
    void theContextCarriesLambdaFactsAndUnwrapsToTheLambdaContext() {
        LambdaContexts contexts = new LambdaContexts(AwsTestApp.definition("greet"), LambdaLogs.from(k -> null));
        EmulatedLambdaContext lambda = new EmulatedLambdaContext("req-1", "my-stack-GreetFunction-ABC", 512,
                Instant.now().plusSeconds(20),
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        Instant before = Instant.now();
        InvocationContext first = contexts.create(lambda);
        assertThat(first.requestId()).isEqualTo("req-1");
        assertThat(first.functionName()).isEqualTo("greet");
        assertThat(first.provider()).isEqualTo(Provider.AWS_LAMBDA);
        assertThat(first.deadline()).isBetween(before.plusSeconds(19), Instant.now().plusSeconds(20));
        assertThat(first.remainingTime()).isLessThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(first.trace()).map(TraceContext::traceId).contains("5759e988bd862e3fe1be46a994272793");
        assertThat(first.unwrap(com.amazonaws.services.lambda.runtime.Context.class)).containsSame(lambda);
        assertThat(first.coldStart()).isTrue();
        Context second = contexts.create(lambda);
        assertThat(second.coldStart()).isFalse();
        contexts.resetColdStart();
        assertThat(contexts.create(lambda).coldStart()).isTrue();
    }

    @Test
    void jsonLogLinesCarryTheRequestIdAndStayOnOneLine() {
        LambdaLogs logs = LambdaLogs.from(Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON", "AWS_LAMBDA_LOG_LEVEL", "debug")::get);
        assertThat(logs.json()).isTrue();
        assertThat(logs.level()).isEqualTo(LineLogger.Level.DEBUG);
        String out = capture(() -> {
            FunctionLogger logger = logs.logger("req-7", "orders", "gatewayRequestId", "gw-1");
            logger.debug("debugging");
            logger.with("orderId", "o1").info("processed");
            logger.error("failed", new IllegalStateException("bad\nthing"));
        });
        String[] lines = out.split("\n");
        assertThat(lines).hasSize(3);
        JsonNode info = Json.tree(lines[1].getBytes(StandardCharsets.UTF_8));
        assertThat(info.get("level").asText()).isEqualTo("INFO");
        assertThat(info.get("message").asText()).isEqualTo("processed");
        assertThat(info.get("requestId").asText()).isEqualTo("req-7");
        assertThat(info.get("function").asText()).isEqualTo("orders");
        assertThat(info.get("gatewayRequestId").asText()).isEqualTo("gw-1");
        assertThat(info.get("orderId").asText()).isEqualTo("o1");
        assertThat(info.has("timestamp")).isTrue();
        JsonNode error = Json.tree(lines[2].getBytes(StandardCharsets.UTF_8));
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("stackTrace").asText()).contains("bad\nthing");
    }

    @Test
    void textLogLinesJoinStackTracesWithCarriageReturns() {
        LambdaLogs logs = LambdaLogs.from(Map.of("FNKIT_LOG_LEVEL", "warn")::get);
        assertThat(logs.json()).isFalse();
        String out = capture(() -> {
            FunctionLogger logger = logs.logger("req-8", "audit", null, null);
            logger.info("hidden");
            logger.error("failed", new IllegalStateException("boom"));
        });
        assertThat(out.split("\n")).hasSize(1);
        assertThat(out).contains("ERROR failed requestId=req-8 function=audit").contains("\r")
                .contains("IllegalStateException: boom").doesNotContain("hidden");
    }

    @Test
    void awsLogLevelsMapOntoFnkitLevels() {
        assertThat(LambdaLogs.from(Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON", "AWS_LAMBDA_LOG_LEVEL", "TRACE")::get)
                .level()).isEqualTo(LineLogger.Level.DEBUG);
        assertThat(LambdaLogs.from(Map.of("AWS_LAMBDA_LOG_FORMAT", "json", "AWS_LAMBDA_LOG_LEVEL", "FATAL")::get)
                .level()).isEqualTo(LineLogger.Level.ERROR);
        assertThat(LambdaLogs.from(Map.of("AWS_LAMBDA_LOG_LEVEL", "ERROR")::get).level())
                .isEqualTo(LineLogger.Level.INFO);
    }

    @Test
    void snapStartPrimesBeforeTheCheckpointAndMakesTheNextInvocationColdAfterRestore() throws Exception {
        LambdaFunction function = new LambdaFunction(AwsTestApp.application(), AwsTestApp.definition("greet"),
                LambdaLogs.from(k -> null));
        SnapStartPriming.register(function);
        SnapStartPriming priming = new SnapStartPriming(function);
        int primed = AwsTestApp.PRIMED.get();
        priming.beforeCheckpoint(null);
        assertThat(AwsTestApp.PRIMED.get()).isEqualTo(primed + 1);
        assertThat(function.contexts().create(LambdaTesting.context("greet")).coldStart()).isTrue();
        assertThat(function.contexts().create(LambdaTesting.context("greet")).coldStart()).isFalse();
        priming.afterRestore(null);
        assertThat(function.contexts().create(LambdaTesting.context("greet")).coldStart()).isTrue();
    }

    private static String capture(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
