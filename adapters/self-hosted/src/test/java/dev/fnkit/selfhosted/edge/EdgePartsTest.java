package dev.fnkit.selfhosted.edge;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The edge's parts on their own: token buckets, settings, CORS, keys, secrets. */
class EdgePartsTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aTokenBucketRefillsAtItsRateUpToItsBurst() {
        TokenBucket bucket = new TokenBucket(RateLimit.parse("2/s", "3"), 0);
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isEqualTo(SECOND / 2);
        assertThat(bucket.take(SECOND / 2)).isZero();
        assertThat(bucket.take(10 * SECOND)).isZero();
        assertThat(bucket.take(10 * SECOND)).isZero();
        assertThat(bucket.take(10 * SECOND)).isZero();
        assertThat(bucket.take(10 * SECOND)).isPositive();
        assertThat(TokenBucket.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(TokenBucket.retryAfterSeconds(SECOND + 1)).isEqualTo(2);
    }

    @Test
    void ratesParseWithTheirUnitAndDefaultBurst() {
        assertThat(RateLimit.parse("600/m", null)).isEqualTo(new RateLimit(10, 10));
        assertThat(RateLimit.parse("5", "")).isEqualTo(new RateLimit(5, 5));
        assertThat(RateLimit.parse("1/h", null).burst()).isEqualTo(1);
        assertThatThrownBy(() -> RateLimit.parse("10/week", null)).hasMessageContaining("10/s");
        assertThatThrownBy(() -> RateLimit.parse("-1", null)).hasMessageContaining("positive");
        assertThatThrownBy(() -> RateLimit.parse("1", "x")).hasMessageContaining("burst");
    }

    @Test
    void settingsAreCheckedByName() {
        FunctionPolicy policy = FunctionPolicy.parse(Map.of("auth", "api-key", "rateLimit", "10/s",
                "corsOrigins", "https://a.example, https://b.example", "maxBodyBytes", "100", "secrets", "db,api"));
        assertThat(policy.apiKeys()).isTrue();
        assertThat(policy.cors().origins()).containsExactlyInAnyOrder("https://a.example", "https://b.example");
        assertThat(policy.cors().methods()).isEqualTo(Cors.DEFAULT_METHODS);
        assertThat(policy.secrets()).containsExactly("db", "api");
        assertThat(FunctionPolicy.parse(Map.of())).isEqualTo(FunctionPolicy.OPEN);
        assertThatThrownBy(() -> FunctionPolicy.parse(Map.of("colour", "red"))).hasMessageContaining("unknown");
        assertThatThrownBy(() -> FunctionPolicy.parse(Map.of("burst", "3"))).hasMessageContaining("rateLimit");
        assertThatThrownBy(() -> FunctionPolicy.parse(Map.of("corsMethods", "GET"))).hasMessageContaining("corsOrigins");
        assertThatThrownBy(() -> FunctionPolicy.parse(Map.of("maxBodyBytes", "-1"))).hasMessageContaining("negative");
        assertThatThrownBy(() -> FunctionPolicy.parse(Map.of("secrets", "../etc/passwd")))
                .hasMessageContaining("secret name");
    }

    @Test
    void corsAnswersPreflightsOfAllowedOriginsMethodsAndHeadersOnly() {
        Cors cors = FunctionPolicy.parse(Map.of("corsOrigins", "*", "corsHeaders", "content-type")).cors();
        HttpRequest preflight = HttpRequest.builder("OPTIONS", "/x").header("origin", "https://any.example")
                .header("access-control-request-method", "post").build();
        assertThat(Cors.isPreflight(preflight)).isTrue();
        HttpResponse ok = cors.preflight(preflight, "f", "r");
        assertThat(ok.status()).isEqualTo(204);
        assertThat(ok.header("access-control-allow-origin")).hasValue("https://any.example");
        HttpResponse header = cors.preflight(preflight.toBuilder().header("access-control-request-headers",
                "content-type, x-secret").build(), "f", "r");
        assertThat(header.status()).isEqualTo(403);
        assertThat(header.bodyText()).contains("x-secret");
        assertThat(Cors.isPreflight(HttpRequest.builder("OPTIONS", "/x").build())).isFalse();
    }

    @Test
    void keysAreStoredAsHashesOwnerOnlyAndSurviveARestart() throws Exception {
        ApiKeys keys = new ApiKeys(dir);
        ApiKeys.Created created = keys.create("ci", List.of("a"), RateLimit.parse("1/s", null));
        String file = Files.readString(dir.resolve("api-keys.json"));
        assertThat(file).doesNotContain(created.secret()).contains(ApiKeys.sha256(created.secret()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("api-keys.json"))))
                .isEqualTo("rw-------");
        ApiKeys again = new ApiKeys(dir);
        assertThat(again.lookup(created.secret())).hasValue(created.key());
        assertThat(again.lookup(created.secret() + "x")).isEmpty();
        assertThat(again.lookup("not-a-key")).isEmpty();
        assertThat(again.revoke(created.key().id())).isTrue();
        assertThat(new ApiKeys(dir).lookup(created.secret())).isEmpty();
    }

    @Test
    void secretNamesCannotLeaveTheDirectoryAndInstancesGetOnlyTheirs() throws Exception {
        for (String bad : List.of("..", "../x", "a/b", "/abs", ".hidden", "a..b", "", "x".repeat(64))) {
            assertThatThrownBy(() -> SecretStore.checkName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        SecretStore store = new SecretStore(dir);
        store.put("db", "s3cret".getBytes(StandardCharsets.UTF_8));
        store.put("other", "x".getBytes(StandardCharsets.UTF_8));
        Path target = store.materialize(List.of("db"), dir.resolve("instance"));
        try (var files = Files.list(target)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("db");
        }
        assertThat(Files.readString(target.resolve("db"))).isEqualTo("s3cret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("db"))))
                .isEqualTo("rw-------");
        assertThatThrownBy(() -> store.materialize(List.of("gone"), dir.resolve("i2")))
                .hasMessageContaining("'gone' does not exist");
        assertThat(store.list()).extracting(SecretStore.Entry::name).containsExactly("db", "other");
    }
}
